// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// The page fixtures (fixtures/pages/<lang>/<dataset>-<id>/, written by scripts/make-fixtures), shared by
// golden_test.cc and quality_gate_test.cc. Pages are found at test registration time, so a page added to
// fixtures/ becomes a test without editing any source.

#ifndef CLEANER_TESTS_UNIT_FIXTURE_PAGES_H_
#define CLEANER_TESTS_UNIT_FIXTURE_PAGES_H_

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <set>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

namespace cleaner {
namespace fixtures {

struct FixturePage {
  std::string dir;        // absolute path of the page folder
  std::string lang;       // the <lang> folder
  std::string folder;     // "<dataset>-<id>"
  std::string test_name;  // "<lang>_<dataset>_<id>" with everything outside [A-Za-z0-9_] turned into '_'
};

// gtest prints parameters of failing tests; without this it would dump the struct's bytes.
inline void PrintTo(const FixturePage& page, std::ostream* os) { *os << page.lang << "/" << page.folder; }

inline std::string PagesDir() { return std::string(CLEANER_SOURCE_DIR) + "/fixtures/pages"; }

// Every folder two levels under fixtures/pages that holds an input.html, sorted by path so that test order
// and names do not depend on the file system.
inline std::vector<FixturePage> FindPages() {
  namespace fs = std::filesystem;
  std::vector<FixturePage> pages;
  std::error_code ec;
  for (fs::directory_iterator lang(PagesDir(), ec), end; !ec && lang != end; lang.increment(ec)) {
    if (!lang->is_directory()) continue;
    std::error_code ec2;
    for (fs::directory_iterator page(lang->path(), ec2); !ec2 && page != end; page.increment(ec2)) {
      if (!fs::exists(page->path() / "input.html")) continue;
      pages.push_back(
          {page->path().string(), lang->path().filename().string(), page->path().filename().string(), ""});
    }
  }
  std::sort(pages.begin(), pages.end(),
            [](const FixturePage& a, const FixturePage& b) { return a.dir < b.dir; });
  // gtest allows only [A-Za-z0-9_] in parameter names, and they must be unique: two folders that sanitize to
  // the same name get a numeric suffix rather than aborting the whole test binary.
  std::set<std::string> used;
  for (FixturePage& page : pages) {
    std::string name = page.lang + "_" + page.folder;
    for (char& c : name) {
      const bool keep =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
      if (!keep) c = '_';
    }
    std::string unique = name;
    for (int i = 2; used.count(unique) > 0; ++i) unique = name + "_" + std::to_string(i);
    used.insert(unique);
    page.test_name = unique;
  }
  return pages;
}

// Reads a whole file as bytes; false when it cannot be opened.
inline bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *out = buffer.str();
  return true;
}

}  // namespace fixtures
}  // namespace cleaner

#endif  // CLEANER_TESTS_UNIT_FIXTURE_PAGES_H_
