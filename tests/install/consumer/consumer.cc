// Builds against the installed dhad only: normalizes and tokenizes a line.
#include <dhad/normalize.h>
#include <dhad/pipeline.h>
#include <dhad/tokenize.h>
#include <dhad/version.h>

#include <iostream>
#include <vector>

int main() {
  dhad::Normalizer norm(dhad::NormalizeOptions::lucene());
  std::string out;
  norm.normalize("أحمد في المدرسة", &out);
  std::vector<dhad::Token> tokens;
  dhad::Tokenizer().tokenize("نحو ٣٥٠الف نسمة", &tokens);
  auto pipeline = dhad::Pipeline::create({});
  std::string stems;
  if (!pipeline || !pipeline->stem("والمدرسة بالكتابين", &stems).ok() || stems != "مدرس كتاب") {
    std::cerr << "consumer: the pipeline did not stem\n";
    return 1;
  }
  if (out != "احمد في المدرسه" || tokens.size() != 4) {
    std::cerr << "consumer: unexpected result\n";
    return 1;
  }
  std::cout << "install test: dhad " << dhad::version() << " found and working\n";
  return 0;
}
