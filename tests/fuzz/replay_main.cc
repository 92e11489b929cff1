// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// A main() for the fuzz targets when they are built without libFuzzer (GCC, or CLEANER_FUZZ off): runs the
// target once on each file named on the command line, or on every file of each directory named, so CI replays
// the corpus and every input that once broke a target (tests/fuzz/regressions/).
//
//   TARGET [--prefix HEX]... PATH...
//
// With --prefix, each file is run once per prefix byte put in front of it instead of as it is: the targets read
// their options from the first byte, and a page from fixtures/ is then replayed under several option sets.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> files;
  std::vector<std::string> prefixes;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--prefix" && i + 1 < argc) {
      prefixes.push_back(std::string(1, static_cast<char>(std::stoi(argv[++i], nullptr, 16))));
      continue;
    }
    const std::filesystem::path arg(argv[i]);
    std::error_code ec;
    if (std::filesystem::is_directory(arg, ec)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(arg, ec))
        if (e.is_regular_file()) files.push_back(e.path());
    } else {
      files.push_back(arg);
    }
  }
  size_t done = 0;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cannot read %s\n", f.c_str());
      return 1;
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (prefixes.empty()) {
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      ++done;
    }
    for (const std::string& prefix : prefixes) {
      const std::string input = prefix + bytes;
      LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
      ++done;
    }
  }
  std::printf("%zu inputs replayed\n", done);
  return done == 0 ? 1 : 0;
}
