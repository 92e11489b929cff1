// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Metadata read from the parsed page beside the article: for now the title and the declared language.

#ifndef CLEANER_METADATA_H_
#define CLEANER_METADATA_H_

#include <string>

#include "cleaner/dom.h"

namespace cleaner {

struct Metadata {
  std::string title;
  std::string language;  // primary BCP 47 subtag, lower case ("en", "hi"), from <html lang> or <meta>; may be empty
};

Metadata ReadMetadata(const Dom& dom);

}  // namespace cleaner

#endif  // CLEANER_METADATA_H_
