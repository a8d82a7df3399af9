// train_category_model EXAMPLES.tsv MODEL.bin
//
// Trains the normaliser's category model (category_model.h) at build time
// from the project's labelled clauses: EXAMPLES.tsv holds one clause per
// line as `gold_label <TAB> rule_label <TAB> clause` (with '#' comment
// lines), made by tools/category_examples.py from the annotated reports.
// The model is a fastText linear classifier over the clause's words and
// the rules' vote (category_model_input.h). One thread and a fixed seed
// make the same examples give the same model on every build.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "fasttext/args.h"
#include "fasttext/fasttext.h"
#include "services/normalize/category_model_input.h"

namespace {

// Writes the examples as fastText's training lines ("__label__X words").
// Returns the number of examples, or -1 on a malformed line.
int WriteTrainingLines(std::istream& in, std::ostream& out) {
  std::string line;
  int count = 0;
  int line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.empty() || line[0] == '#') continue;
    std::vector<absl::string_view> fields = absl::StrSplit(line, absl::MaxSplits('\t', 2));
    if (fields.size() != 3 || fields[0].empty() || fields[1].empty()) {
      std::cerr << "line " << line_number << ": want gold_label, rule_label and clause\n";
      return -1;
    }
    out << "__label__" << fields[0] << ' '
        << civicwatch::normalize::CategoryModelInput(fields[2], fields[1]) << '\n';
    ++count;
  }
  return count;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: train_category_model EXAMPLES.tsv MODEL.bin\n";
    return 2;
  }
  std::ifstream examples(argv[1], std::ios::binary);
  if (!examples) {
    std::cerr << "cannot read " << argv[1] << "\n";
    return 1;
  }
  const std::string training_file = std::string(argv[2]) + ".train.txt";
  {
    std::ofstream lines(training_file, std::ios::binary);
    const int count = WriteTrainingLines(examples, lines);
    if (count <= 0 || !lines) {
      std::cerr << argv[1] << ": no usable examples\n";
      return 1;
    }
  }
  fasttext::Args args;
  args.input = training_file;
  args.model = fasttext::model_name::sup;
  args.loss = fasttext::loss_name::softmax;
  // Small and plain on purpose: a few thousand clauses support a word-level
  // model of a few dimensions, and no word n-grams or subwords means no
  // hashed buckets, so the model stays about a megabyte.
  args.dim = 16;
  args.epoch = 25;
  args.lr = 0.5;
  args.wordNgrams = 1;
  args.minn = 0;
  args.maxn = 0;
  args.bucket = 0;
  args.minCount = 1;
  args.thread = 1;
  args.seed = 1;
  args.verbose = 0;
  try {
    fasttext::FastText model;
    model.train(args);
    model.saveModel(argv[2]);
  } catch (const std::exception& e) {
    std::cerr << "training failed: " << e.what() << "\n";
    std::remove(training_file.c_str());
    return 1;
  }
  std::remove(training_file.c_str());
  return 0;
}
