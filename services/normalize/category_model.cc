#include "services/normalize/category_model.h"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <memory>
#include <sstream>
#include <utility>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "fasttext/dictionary.h"
#include "fasttext/fasttext.h"
#include "services/normalize/category_model_input.h"
#include "services/normalize/embedded_data.h"
#include "services/normalize/stemmer.h"

namespace civicwatch::normalize {
namespace {

constexpr absl::string_view kModelFile = "category_model.bin";
constexpr absl::string_view kLabelPrefix = "__label__";
// A fastText model file opens with this magic number and format version
// (fasttext.cc); loadModel(istream) expects the stream just past them.
constexpr int32_t kFastTextMagic = 793712314;
constexpr int32_t kFastTextVersion = 12;

// The embedded model as the numbers that make it: a row of `dim` weights
// per known word, averaged over a clause's words (and the end-of-line word
// every training line ended with), and a row per label scoring that
// average. This is fastText's own prediction for a model without word
// n-grams or subwords, computed here without the per-call allocations of
// its general-purpose path.
struct LinearModel {
  int dim = 0;
  absl::flat_hash_map<std::string, int32_t> word_rows;  // by stem
  std::vector<int32_t> rule_rows;  // by v1::Category: its RuleToken's row, or -1
  std::vector<float> word_weights;  // word row r at [r * dim, (r + 1) * dim)
  int32_t end_of_line = -1;
  // Label row l's weight i at [i * labels + l]: stored column by column,
  // so that every label's score takes the next dimension in one vector
  // step (each score still sums its terms in the same order).
  std::vector<float> label_weights_by_dim;
  std::vector<v1::Category> category_of_label;
};

v1::Category CategoryOfLabel(const std::string& label) {
  if (!absl::StartsWith(label, kLabelPrefix)) return v1::CATEGORY_UNSPECIFIED;
  v1::Category category = v1::CATEGORY_UNSPECIFIED;
  v1::Category_Parse(absl::StrCat("CATEGORY_", absl::AsciiStrToUpper(label.substr(kLabelPrefix.size()))),
                     &category);
  return category;
}

// The embedded model, or null when there is none, it does not load, or it
// has parts this computation leaves out (n-grams, subwords, quantisation).
std::unique_ptr<LinearModel> LoadEmbeddedModel() {
  const absl::string_view bytes = EmbeddedData(kModelFile);
  if (bytes.size() < 2 * sizeof(int32_t)) return nullptr;
  int32_t magic = 0;
  int32_t version = 0;
  std::memcpy(&magic, bytes.data(), sizeof magic);
  std::memcpy(&version, bytes.data() + sizeof magic, sizeof version);
  if (magic != kFastTextMagic || version != kFastTextVersion) return nullptr;
  std::istringstream in(std::string(bytes.substr(2 * sizeof(int32_t))));
  fasttext::FastText model;
  try {
    model.loadModel(in);
  } catch (const std::exception&) {
    return nullptr;
  }
  const fasttext::Args args = model.getArgs();
  if (model.isQuant() || args.wordNgrams > 1 || args.maxn > 0 || args.loss != fasttext::loss_name::softmax) {
    return nullptr;
  }
  const auto dictionary = model.getDictionary();
  const auto input = model.getInputMatrix();
  const auto output = model.getOutputMatrix();
  auto linear = std::make_unique<LinearModel>();
  linear->dim = args.dim;
  if (input->cols() != args.dim || output->cols() != args.dim || input->rows() < dictionary->nwords() ||
      output->rows() != dictionary->nlabels()) {
    return nullptr;
  }
  linear->word_weights.assign(input->data(), input->data() + dictionary->nwords() * args.dim);
  for (int32_t w = 0; w < dictionary->nwords(); ++w) linear->word_rows.emplace(dictionary->getWord(w), w);
  linear->end_of_line = dictionary->getId(fasttext::Dictionary::EOS);
  for (int c = 0; c < v1::Category_ARRAYSIZE; ++c) {
    auto found = linear->word_rows.find(RuleToken(CategoryLabel(static_cast<v1::Category>(c))));
    linear->rule_rows.push_back(found == linear->word_rows.end() ? -1 : found->second);
  }
  const int64_t labels = output->rows();
  linear->label_weights_by_dim.resize(static_cast<size_t>(labels * args.dim));
  for (int64_t l = 0; l < labels; ++l) {
    for (int64_t i = 0; i < args.dim; ++i) {
      linear->label_weights_by_dim[static_cast<size_t>(i * labels + l)] = output->data()[l * args.dim + i];
    }
  }
  for (int32_t l = 0; l < dictionary->nlabels(); ++l) {
    linear->category_of_label.push_back(CategoryOfLabel(dictionary->getLabel(l)));
  }
  return linear;
}

const LinearModel* Model() {
  static const LinearModel* const model = LoadEmbeddedModel().release();
  return model;
}

// The row of a lower-cased word (-1 when the model does not know its
// stem). Each thread remembers the words it has looked up, so a word met
// again costs one lookup instead of a stem and a lookup; the memory is
// emptied when it grows large.
int32_t RowOfWord(const LinearModel& model, absl::string_view word) {
  constexpr size_t kMaxRemembered = 1 << 16;
  thread_local absl::flat_hash_map<std::string, int32_t> remembered;
  auto found = remembered.find(word);
  if (found != remembered.end()) return found->second;
  if (remembered.size() >= kMaxRemembered) remembered.clear();
  auto row = model.word_rows.find(StemOf(word));
  const int32_t value = row == model.word_rows.end() ? -1 : row->second;
  remembered.emplace(word, value);
  return value;
}

}  // namespace

const std::string& CategoryLabel(v1::Category category) {
  static const auto* const labels = [] {
    auto* names = new std::vector<std::string>(v1::Category_ARRAYSIZE);
    for (int c = 0; c < v1::Category_ARRAYSIZE; ++c) {
      if (!v1::Category_IsValid(c)) continue;
      std::string name = v1::Category_Name(static_cast<v1::Category>(c));
      constexpr absl::string_view kPrefix = "CATEGORY_";
      if (absl::StartsWith(name, kPrefix)) name.erase(0, kPrefix.size());
      (*names)[static_cast<size_t>(c)] = absl::AsciiStrToLower(name);
    }
    (*names)[v1::CATEGORY_UNSPECIFIED] = "other";
    return names;
  }();
  static const std::string kOther = "other";
  const auto index = static_cast<size_t>(category);
  return index < labels->size() && !(*labels)[index].empty() ? (*labels)[index] : kOther;
}

bool HasCategoryModel() { return Model() != nullptr; }

v1::Category RefineCategory(absl::string_view clause, v1::Category rule) {
  const LinearModel* model = Model();
  if (model == nullptr) return rule;
  const size_t dim = static_cast<size_t>(model->dim);
  // The average of the known words' rows (a model is a few dozen wide).
  absl::InlinedVector<float, 32> hidden_storage(dim, 0.0f);
  float* const hidden = hidden_storage.data();
  int words = 0;
  auto add_row = [&](int32_t row) {
    const float* weights = model->word_weights.data() + static_cast<size_t>(row) * dim;
    for (size_t i = 0; i < dim; ++i) hidden[i] += weights[i];
    ++words;
  };
  ForEachLowerCasedWord(clause, [&](absl::string_view word) {
    const int32_t row = RowOfWord(*model, word);
    if (row >= 0) add_row(row);
  });
  const auto rule_index = static_cast<size_t>(rule);
  if (rule_index < model->rule_rows.size() && model->rule_rows[rule_index] >= 0) {
    add_row(model->rule_rows[rule_index]);
  }
  if (model->end_of_line >= 0) add_row(model->end_of_line);
  if (words == 0) return rule;
  for (size_t i = 0; i < dim; ++i) hidden[i] /= static_cast<float>(words);
  // Softmax over the labels' scores: the best label and its probability.
  const size_t labels = model->category_of_label.size();
  if (labels == 0) return rule;
  absl::InlinedVector<float, 32> score_storage(labels, 0.0f);
  float* const scores = score_storage.data();
  for (size_t i = 0; i < dim; ++i) {
    const float* weights = model->label_weights_by_dim.data() + i * labels;
    const float h = hidden[i];
    for (size_t l = 0; l < labels; ++l) scores[l] += weights[l] * h;
  }
  size_t best = 0;
  for (size_t l = 1; l < labels; ++l) {
    if (scores[l] > scores[best]) best = l;
  }
  float total = 0.0f;
  for (size_t l = 0; l < labels; ++l) total += std::exp(scores[l] - scores[best]);
  if (1.0f / total < kCategoryModelConfidence) return rule;
  const v1::Category refined = model->category_of_label[best];
  return refined == v1::CATEGORY_UNSPECIFIED ? rule : refined;
}

}  // namespace civicwatch::normalize
