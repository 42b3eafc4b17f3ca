// The search data files (data/search/README.md): domain compounds, synonyms
// and query stop words, read once at start-up.
#include <fstream>
#include <sstream>

#include "catalog/search.hpp"

namespace tongban::catalog {

namespace {

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Error::Make(ErrorCode::kInternal, "catalog.lexicon_unreadable", "无法读取搜索词库文件",
                       "a search lexicon file cannot be read")
        .WithDetail(path);
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string Trim(std::string_view s) {
  const char* spaces = " \t\r\n";
  std::size_t from = s.find_first_not_of(spaces);
  if (from == std::string_view::npos) return {};
  std::size_t to = s.find_last_not_of(spaces);
  return std::string(s.substr(from, to - from + 1));
}

// Lines without comments ("#" to the end of a line) or surrounding blanks;
// empty lines are skipped. Pairs of (line number, text).
std::vector<std::pair<int, std::string>> Lines(const std::string& text) {
  std::vector<std::pair<int, std::string>> out;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (number == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // UTF-8 BOM
    if (std::size_t hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    // Keep tabs inside the line: they separate a synonym's columns.
    std::string trimmed = Trim(line);
    if (!trimmed.empty()) out.emplace_back(number, std::move(trimmed));
  }
  return out;
}

}  // namespace

Result<Lexicon> LoadLexicon(const std::string& dir) {
  Lexicon lexicon;
  Result<std::string> compounds = ReadFile(dir + "/compounds.txt");
  if (!compounds.ok()) return compounds.error();
  for (auto& [number, line] : Lines(*compounds)) {
    if (line.find_first_of(" \t") != std::string::npos) {
      return Error::Make(ErrorCode::kInternal, "catalog.lexicon_malformed",
                         "搜索词库格式错误：复合词不能含空白", "search lexicon: a compound contains a blank")
          .WithDetail(dir + "/compounds.txt:" + std::to_string(number));
    }
    lexicon.compounds.push_back(std::move(line));
  }

  Result<std::string> synonyms = ReadFile(dir + "/synonyms.tsv");
  if (!synonyms.ok()) return synonyms.error();
  for (auto& [number, line] : Lines(*synonyms)) {
    std::vector<std::string> columns;
    std::size_t from = 0;
    while (true) {
      std::size_t tab = line.find('\t', from);
      std::string column =
          Trim(std::string_view(line).substr(from, tab == std::string::npos ? tab : tab - from));
      if (!column.empty()) columns.push_back(std::move(column));
      if (tab == std::string::npos) break;
      from = tab + 1;
    }
    if (columns.size() < 2) {
      return Error::Make(ErrorCode::kInternal, "catalog.lexicon_malformed",
                         "搜索词库格式错误：同义词行需要“说法<TAB>目录用语”",
                         "search lexicon: a synonym line needs \"what people say<TAB>what the catalog says\"")
          .WithDetail(dir + "/synonyms.tsv:" + std::to_string(number));
    }
    std::string left = std::move(columns.front());
    columns.erase(columns.begin());
    lexicon.synonyms.emplace_back(std::move(left), std::move(columns));
  }

  // Optional: without it every word of a query counts.
  if (std::ifstream probe(dir + "/stopwords.txt"); probe) {
    Result<std::string> stopwords = ReadFile(dir + "/stopwords.txt");
    if (!stopwords.ok()) return stopwords.error();
    for (auto& [number, line] : Lines(*stopwords)) {
      if (line.find_first_of(" \t") != std::string::npos) {
        return Error::Make(ErrorCode::kInternal, "catalog.lexicon_malformed",
                           "搜索词库格式错误：停用词不能含空白",
                           "search lexicon: a stop word contains a blank")
            .WithDetail(dir + "/stopwords.txt:" + std::to_string(number));
      }
      lexicon.stopwords.push_back(std::move(line));
    }
  }
  return lexicon;
}

}  // namespace tongban::catalog
