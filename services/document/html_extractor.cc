// HTML: the article's text as a reader sees it, with gumbo's HTML5 parser.
#include <gumbo.h>

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/document/body_builder.h"
#include "services/common/errors.h"
#include "services/document/extractors.h"
#include "services/document/text_decoding.h"

namespace civicwatch::document {
namespace {

struct OutputDeleter {
  void operator()(GumboOutput* output) const {
    gumbo_destroy_output(&kGumboDefaultOptions, output);
  }
};

// Elements that never hold the article's text.
const absl::flat_hash_set<std::string>& SkippedTags() {
  static const auto* tags = new absl::flat_hash_set<std::string>{
      "script", "style", "noscript", "template", "nav", "footer", "aside", "form",
      "menu", "button", "select", "textarea", "iframe", "svg", "math", "object",
      "embed", "canvas", "head", "input", "dialog", "video", "audio", "picture"};
  return *tags;
}

// ARIA landmarks and widgets that are a page's furniture.
const absl::flat_hash_set<std::string>& SkippedRoles() {
  static const auto* roles = new absl::flat_hash_set<std::string>{
      "navigation", "banner", "contentinfo", "complementary", "search", "menu",
      "menubar", "dialog", "alertdialog", "toolbar", "tablist"};
  return *roles;
}

// Words of class and id values that mark furniture; a word of the value
// matches when it starts with one of these ("navbar", "cookie-consent").
constexpr absl::string_view kFurnitureWords[] = {
    "nav", "menu", "cookie", "consent", "footer", "sidebar", "share", "sharing",
    "social", "related", "breadcrumb", "newsletter", "subscribe", "advert",
    "promo", "banner", "popup", "modal", "comments", "skip", "masthead", "toolbar"};

// Elements after which the text goes on in a new paragraph.
const absl::flat_hash_set<std::string>& BlockTags() {
  static const auto* tags = new absl::flat_hash_set<std::string>{
      "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6",
      "ul", "ol", "li", "blockquote", "pre", "table", "figure", "figcaption", "dl",
      "dt", "dd", "address", "hr", "header", "details", "summary", "center",
      "fieldset", "body", "caption"};
  return *tags;
}

// Void and implicitly closed elements, which the nesting scan does not
// count as opening a level.
const absl::flat_hash_set<std::string>& NonNestingTags() {
  static const auto* tags = new absl::flat_hash_set<std::string>{
      "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
      "param", "source", "track", "wbr", "p", "li", "dt", "dd", "option", "optgroup",
      "tr", "td", "th", "tbody", "thead", "tfoot", "colgroup", "rb", "rt", "rp",
      "html", "head", "body", "frame", "keygen", "basefont", "bgsound", "image"};
  return *tags;
}

std::string TagName(const GumboNode* node) {
  const GumboElement& el = node->v.element;
  if (el.tag != GUMBO_TAG_UNKNOWN) return gumbo_normalized_tagname(el.tag);
  GumboStringPiece piece = el.original_tag;
  gumbo_tag_from_original_text(&piece);
  return absl::AsciiStrToLower(absl::string_view(piece.data, piece.length));
}

absl::string_view Attribute(const GumboNode* node, const char* name) {
  const GumboAttribute* attr = gumbo_get_attribute(&node->v.element.attributes, name);
  return attr == nullptr ? absl::string_view() : absl::string_view(attr->value);
}

bool NamesFurniture(absl::string_view value) {
  std::string lower = absl::AsciiStrToLower(value);
  for (absl::string_view word :
       absl::StrSplit(lower, absl::ByAnyChar(" \t\n-_:."), absl::SkipEmpty())) {
    for (absl::string_view furniture : kFurnitureWords) {
      if (absl::StartsWith(word, furniture)) return true;
    }
  }
  return false;
}

// The deepest nesting the markup can build, counted from its tags before
// parsing, so that a page of a million nested elements is refused before
// a tree is built for it. Counts generously (an unclosed <b> counts).
int NestingBound(absl::string_view html, int limit) {
  int depth = 0;
  size_t i = 0;
  const size_t n = html.size();
  while (i < n) {
    size_t lt = html.find('<', i);
    if (lt == absl::string_view::npos || lt + 1 >= n) break;
    if (html.compare(lt, 4, "<!--") == 0) {
      size_t end = html.find("-->", lt + 4);
      if (end == absl::string_view::npos) break;
      i = end + 3;
      continue;
    }
    bool closing = html[lt + 1] == '/';
    size_t name_start = lt + (closing ? 2 : 1);
    size_t name_end = name_start;
    while (name_end < n && absl::ascii_isalnum(static_cast<unsigned char>(html[name_end]))) {
      ++name_end;
    }
    if (name_end == name_start) {
      i = lt + 1;
      continue;
    }
    std::string name = absl::AsciiStrToLower(html.substr(name_start, name_end - name_start));
    size_t gt = html.find('>', name_end);
    if (gt == absl::string_view::npos) break;
    i = gt + 1;
    if (closing) {
      if (!NonNestingTags().contains(name) && depth > 0) --depth;
      continue;
    }
    if (name == "script" || name == "style" || name == "textarea" || name == "title") {
      // Raw text: nothing inside is a tag.
      size_t end = html.find(absl::StrCat("</", name), i);
      if (end == absl::string_view::npos) {
        std::string upper = absl::AsciiStrToUpper(name);
        end = html.find(absl::StrCat("</", upper), i);
      }
      i = end == absl::string_view::npos ? n : end;
      continue;
    }
    if (html[gt - 1] == '/' || NonNestingTags().contains(name)) continue;
    if (++depth > limit) return depth;
  }
  return depth;
}

// The charset a <meta> near the start of the page declares, "" if none.
std::string DeclaredCharset(absl::string_view bytes) {
  std::string head = absl::AsciiStrToLower(bytes.substr(0, 2048));
  size_t at = head.find("charset");
  while (at != std::string::npos) {
    size_t meta = head.rfind("<meta", at);
    size_t eq = at + 7;
    while (eq < head.size() && head[eq] == ' ') ++eq;
    if (meta != std::string::npos && head.find('>', meta) > at && eq < head.size() &&
        head[eq] == '=') {
      size_t v = eq + 1;
      while (v < head.size() && (head[v] == ' ' || head[v] == '"' || head[v] == '\'')) ++v;
      size_t end = v;
      while (end < head.size() && (absl::ascii_isalnum(static_cast<unsigned char>(head[end])) ||
                                   head[end] == '-' || head[end] == '_' || head[end] == ':')) {
        ++end;
      }
      if (end > v) return head.substr(v, end - v);
    }
    at = head.find("charset", at + 7);
  }
  return "";
}

// The text of `node`'s descendants, white space folded.
void CollectText(const GumboNode* node, std::string& out, int depth) {
  if (depth > 512) return;
  if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA ||
      node->type == GUMBO_NODE_WHITESPACE) {
    out += node->v.text.text;
    return;
  }
  if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) return;
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    CollectText(static_cast<const GumboNode*>(children.data[i]), out, depth + 1);
  }
}

std::string FoldSpace(absl::string_view text) {
  return absl::StrJoin(absl::StrSplit(text, absl::ByAnyChar(" \t\r\n\f"), absl::SkipEmpty()), " ");
}

class Walker {
 public:
  Walker(const ExtractOptions& options, const char* buffer)
      : options_(options), buffer_(buffer), out_(options.limits.max_body_bytes + 1) {}

  // Metadata and the content root, found in one pass over the tree.
  void Survey(const GumboNode* node, int depth, bool in_furniture) {
    if (node->type != GUMBO_NODE_ELEMENT) return;
    if (depth > max_depth_) max_depth_ = depth;
    if (depth > options_.limits.max_nesting_depth) return;
    std::string tag = TagName(node);
    if (tag == "html" && language_.empty()) language_ = std::string(Attribute(node, "lang"));
    if (tag == "meta") {
      absl::string_view key = Attribute(node, "property");
      if (key.empty()) key = Attribute(node, "name");
      if (key.empty()) key = Attribute(node, "itemprop");
      std::string k = absl::AsciiStrToLower(key);
      absl::string_view content = Attribute(node, "content");
      if (k == "og:title" && og_title_.empty()) og_title_ = FoldSpace(content);
      if ((k == "article:published_time" || k == "datepublished" || k == "date" ||
           k == "dc.date" || k == "dcterms.date" || k == "pubdate") &&
          meta_date_.empty()) {
        meta_date_ = std::string(absl::StripAsciiWhitespace(content));
      }
    }
    if (tag == "title" && title_.empty()) {
      std::string text;
      CollectText(node, text, 0);
      title_ = FoldSpace(text);
    }
    if (tag == "h1" && h1_.empty() && !in_furniture) {
      std::string text;
      CollectText(node, text, 0);
      h1_ = FoldSpace(text);
    }
    if (tag == "time" && time_date_.empty() && !in_furniture) {
      time_date_ = std::string(absl::StripAsciiWhitespace(Attribute(node, "datetime")));
    }
    const bool furniture = in_furniture || IsFurniture(node, tag);
    if (!furniture) {
      if (tag == "article" && article_ == nullptr) article_ = node;
      if ((tag == "main" || Attribute(node, "role") == "main") && main_ == nullptr) main_ = node;
      if (tag == "body" && body_ == nullptr) body_ = node;
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      Survey(static_cast<const GumboNode*>(children.data[i]), depth + 1, furniture);
    }
  }

  int max_depth() const { return max_depth_; }

  void Extract(ExtractedDocument& doc) {
    const GumboNode* root = article_ != nullptr ? article_ : main_ != nullptr ? main_ : body_;
    if (root != nullptr) {
      in_article_ = root == article_;
      path_ = {RootPath(root)};
      Walk(root, 0);
    }
    out_.MoveInto(doc);
    doc.title = !og_title_.empty() ? og_title_ : !title_.empty() ? title_ : h1_;
    doc.published_date = !meta_date_.empty() ? meta_date_ : time_date_;
    doc.language = language_;
  }

 private:
  bool IsFurniture(const GumboNode* node, const std::string& tag) const {
    if (SkippedTags().contains(tag)) return true;
    if (node->v.element.tag == GUMBO_TAG_HTML || tag == "body" || tag == "main" ||
        tag == "article") {
      return false;
    }
    if (tag == "header") return true;
    if (gumbo_get_attribute(&node->v.element.attributes, "hidden") != nullptr) return true;
    if (Attribute(node, "aria-hidden") == "true") return true;
    std::string role = absl::AsciiStrToLower(Attribute(node, "role"));
    if (SkippedRoles().contains(role)) return true;
    std::string style = absl::AsciiStrToLower(Attribute(node, "style"));
    style.erase(std::remove(style.begin(), style.end(), ' '), style.end());
    if (absl::StrContains(style, "display:none")) return true;
    return NamesFurniture(Attribute(node, "class")) || NamesFurniture(Attribute(node, "id"));
  }

  // "html/body/article[2]" for the content root.
  std::string RootPath(const GumboNode* root) {
    std::vector<std::string> parts;
    for (const GumboNode* n = root; n != nullptr && n->type == GUMBO_NODE_ELEMENT; n = n->parent) {
      parts.push_back(Step(n));
    }
    std::reverse(parts.begin(), parts.end());
    return absl::StrJoin(parts, "/");
  }

  // "p[3]": the element's tag and its place among same-tag siblings.
  // Used for the root's ancestors only; Walk numbers children as it goes.
  static std::string Step(const GumboNode* node) {
    std::string tag = TagName(node);
    const GumboNode* parent = node->parent;
    if (parent == nullptr || parent->type != GUMBO_NODE_ELEMENT) return tag;
    int index = 0, count = 0;
    const GumboVector& siblings = parent->v.element.children;
    for (unsigned i = 0; i < siblings.length; ++i) {
      const GumboNode* s = static_cast<const GumboNode*>(siblings.data[i]);
      if (s->type != GUMBO_NODE_ELEMENT || TagName(s) != tag) continue;
      ++count;
      if (s == node) index = count;
    }
    return count > 1 ? absl::StrCat(tag, "[", index, "]") : tag;
  }

  // The steps of `node`'s element children, in one pass over them.
  static std::vector<std::string> ChildSteps(const GumboNode* node) {
    const GumboVector& children = node->v.element.children;
    std::vector<std::string> tags(children.length);
    absl::flat_hash_map<std::string, int> totals;
    for (unsigned i = 0; i < children.length; ++i) {
      const GumboNode* c = static_cast<const GumboNode*>(children.data[i]);
      if (c->type != GUMBO_NODE_ELEMENT && c->type != GUMBO_NODE_TEMPLATE) continue;
      tags[i] = TagName(c);
      ++totals[tags[i]];
    }
    absl::flat_hash_map<std::string, int> seen;
    for (unsigned i = 0; i < children.length; ++i) {
      if (tags[i].empty() || totals[tags[i]] == 1) continue;
      int n = ++seen[tags[i]];
      absl::StrAppend(&tags[i], "[", n, "]");
    }
    return tags;
  }

  void Walk(const GumboNode* node, int depth) {
    if (depth > options_.limits.max_nesting_depth) return;
    switch (node->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_CDATA: {
        SourceSpan origin;
        origin.element_path = absl::StrJoin(path_, "/");
        const GumboText& text = node->v.text;
        if (text.original_text.data != nullptr) {
          origin.original_begin = text.original_text.data - buffer_;
          origin.original_end = origin.original_begin + text.original_text.length;
        }
        if (pre_depth_ > 0) out_.AppendVerbatim(text.text, origin);
        else out_.Append(text.text, origin);
        return;
      }
      case GUMBO_NODE_WHITESPACE:
        out_.Space();
        return;
      case GUMBO_NODE_ELEMENT:
      case GUMBO_NODE_TEMPLATE:
        break;
      default:
        return;
    }
    const std::string tag = TagName(node);
    // An article's own header holds its headline and byline, which are
    // the report's; a page's header is furniture.
    const bool article_header = tag == "header" && in_article_;
    if (depth > 0 && !article_header && IsFurniture(node, tag)) return;
    if (tag == "br") {
      out_.LineBreak();
      return;
    }
    const bool block = BlockTags().contains(tag);
    if (block) out_.ParagraphBreak();
    if (tag == "tr") out_.LineBreak();
    if (tag == "td" || tag == "th") out_.Space();
    if (tag == "pre") ++pre_depth_;
    const GumboVector& children = node->v.element.children;
    const std::vector<std::string> steps = ChildSteps(node);
    for (unsigned i = 0; i < children.length; ++i) {
      if (!steps[i].empty()) path_.push_back(steps[i]);
      Walk(static_cast<const GumboNode*>(children.data[i]), depth + 1);
      if (!steps[i].empty()) path_.pop_back();
    }
    if (tag == "pre") --pre_depth_;
    if (block) out_.ParagraphBreak();
  }

  const ExtractOptions& options_;
  const char* buffer_;
  BodyBuilder out_;
  int max_depth_ = 0;
  int pre_depth_ = 0;
  bool in_article_ = false;
  std::vector<std::string> path_;
  const GumboNode* article_ = nullptr;
  const GumboNode* main_ = nullptr;
  const GumboNode* body_ = nullptr;
  std::string language_, og_title_, title_, h1_, meta_date_, time_date_;
};

}  // namespace

absl::StatusOr<ExtractedDocument> ExtractHtml(absl::string_view bytes,
                                              const ExtractOptions& options) {
  absl::StatusOr<DecodedText> decoded =
      DecodeText(bytes, options.encoding, DeclaredCharset(bytes));
  if (!decoded.ok()) return decoded.status();
  const std::string& html = decoded->utf8;
  const int limit = options.limits.max_nesting_depth;
  if (NestingBound(html, limit) > limit) {
    return LimitExceededError(
        absl::StrCat("the HTML nests deeper than ", limit, " elements"));
  }
  GumboOptions gumbo_options = kGumboDefaultOptions;
  gumbo_options.max_errors = 100;  // Errors are not used; keep their memory small.
  std::unique_ptr<GumboOutput, OutputDeleter> output(
      gumbo_parse_with_options(&gumbo_options, html.data(), html.size()));
  if (output == nullptr || output->root == nullptr) {
    return InvalidInputError("the HTML cannot be parsed");
  }
  Walker walker(options, html.data());
  walker.Survey(output->root, 0, false);
  if (walker.max_depth() > limit) {
    return LimitExceededError(
        absl::StrCat("the HTML nests deeper than ", limit, " elements"));
  }
  ExtractedDocument doc;
  walker.Extract(doc);
  doc.encoding = decoded->encoding;
  return doc;
}

}  // namespace civicwatch::document
