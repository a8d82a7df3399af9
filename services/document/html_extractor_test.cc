#include <string>

#include "absl/strings/str_cat.h"
#include "gtest/gtest.h"
#include "services/document/document.h"

namespace civicwatch::document {
namespace {

const char kPage[] = R"(<!DOCTYPE html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <title>Journalist detained | Rights Monitor</title>
  <meta property="og:title" content="Journalist detained in Bishkek">
  <meta property="article:published_time" content="2021-03-14T09:30:00Z">
  <style>body { color: red; }</style>
  <script>var tracking = "Do not read this";</script>
</head>
<body class="nav-open">
  <header class="site-header"><a href="/">Rights Monitor</a> Home News About</header>
  <nav><ul><li>Home</li><li>Countries</li></ul></nav>
  <div id="cookie-banner">We use cookies. Accept all?</div>
  <main>
    <article>
      <header><h1>Journalist detained in Bishkek</h1>
        <time datetime="2021-03-13">13 March 2021</time></header>
      <p>On 12 March 2021 police in Bishkek detained the journalist
         Aziz &amp; <b>Kanybek</b> Usenov&nbsp;at his home.</p>
      <div class="share-buttons">Share on Facebook Twitter</div>
      <p>He was released the next day &mdash; without charge.</p>
      <aside>Related: other stories</aside>
      <ul><li>First point.</li><li>Second point.</li></ul>
    </article>
    <section class="related-posts"><p>Another story entirely.</p></section>
  </main>
  <footer>Copyright 2021 Rights Monitor. Privacy policy.</footer>
</body>
</html>)";

TEST(HtmlExtractorTest, ArticleTextWithoutFurniture) {
  auto doc = ExtractDocument(kPage);
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->media_type, MediaType::kHtml);
  EXPECT_EQ(doc->body,
            "Journalist detained in Bishkek\n\n13 March 2021\n\n"
            "On 12 March 2021 police in Bishkek detained the journalist Aziz & Kanybek Usenov at "
            "his home.\n\nHe was released the next day \xE2\x80\x94 without charge.\n\n"
            "First point.\n\nSecond point.");
  EXPECT_EQ(doc->title, "Journalist detained in Bishkek");
  EXPECT_EQ(doc->published_date, "2021-03-14T09:30:00Z");
  EXPECT_EQ(doc->language, "en-GB");
  EXPECT_EQ(doc->encoding, "UTF-8");
}

TEST(HtmlExtractorTest, SpansPointBackIntoTheMarkup) {
  auto doc = ExtractDocument(kPage);
  ASSERT_TRUE(doc.ok());
  size_t at = doc->body.find("He was released");
  const SourceSpan* span = SpanAt(*doc, at);
  ASSERT_NE(span, nullptr);
  EXPECT_EQ(span->element_path, "html/body/main/article/p[2]");
  std::string page = kPage;
  EXPECT_EQ(page.substr(span->original_begin, 15), "He was released");
}

TEST(HtmlExtractorTest, TitleFallsBackToTitleThenH1AndDateToTime) {
  auto titled = ExtractDocument("<html><head><title> A  title </title></head><body><p>Text.</p>");
  ASSERT_TRUE(titled.ok());
  EXPECT_EQ(titled->title, "A title");
  auto h1 = ExtractDocument(
      "<html><body><h1>Heading</h1><p>Text <time datetime=\"2020-01-02\">2 Jan</time>.</p>");
  ASSERT_TRUE(h1.ok());
  EXPECT_EQ(h1->title, "Heading");
  EXPECT_EQ(h1->published_date, "2020-01-02");
  EXPECT_EQ(h1->body, "Heading\n\nText 2 Jan.");
}

TEST(HtmlExtractorTest, WithoutArticleTheBodyIsReadAndTablesKeepCells) {
  auto doc = ExtractDocument(
      "<html><body><div class=\"menu\">Menu</div><table><tr><td>12 May</td><td>Arrest</td></tr>"
      "<tr><td>13 May</td><td>Fine</td></tr></table><pre>a\n b</pre></body></html>");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc->body, "12 May Arrest\n13 May Fine\n\na\nb");
}

TEST(HtmlExtractorTest, Windows1251PageWithMetaCharset) {
  std::string page =
      "<html lang=\"ru\"><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
      "charset=windows-1251\"></head><body><p>\xC7\xE0\xE4\xE5\xF0\xE6\xE0\xED "
      "\xE6\xF3\xF0\xED\xE0\xEB\xE8\xF1\xF2.</p></body></html>";
  auto doc = ExtractDocument(page);
  ASSERT_TRUE(doc.ok()) << doc.status();
  EXPECT_EQ(doc->body, "Задержан журналист.");
  EXPECT_EQ(doc->encoding, "windows-1251");
  EXPECT_EQ(doc->language, "ru");
}

TEST(HtmlExtractorTest, DeepNestingIsRefusedBeforeParsing) {
  std::string page = "<html><body>";
  for (int i = 0; i < 1000000; ++i) page += "<div>";
  page += "deep";
  auto doc = ExtractDocument(page);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), absl::StatusCode::kResourceExhausted);
  EXPECT_NE(doc.status().message().find("nests deeper than 256"), std::string::npos);

  ExtractOptions options;
  options.limits.max_nesting_depth = 10;
  std::string shallow = "<html><body>";
  for (int i = 0; i < 12; ++i) shallow += "<span>";
  EXPECT_FALSE(ExtractDocument(shallow + "x", options).ok());
  // Paragraphs and list items close themselves; many of them are not deep.
  std::string flat = "<html><body>";
  for (int i = 0; i < 1000; ++i) flat += "<p>para <li>item";
  EXPECT_TRUE(ExtractDocument(flat, options).ok());
}

TEST(HtmlExtractorTest, PageOfOnlyFurnitureHoldsNoText) {
  auto doc = ExtractDocument("<html><body><nav>Home</nav><footer>(c)</footer></body></html>");
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("holds no text"), std::string::npos);
}

}  // namespace
}  // namespace civicwatch::document
