// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Output shapes shared by every command that prints documents: txt, json, jsonl, markdown, html.

#ifndef CLEANER_CLI_RENDER_H_
#define CLEANER_CLI_RENDER_H_

#include <string>

#include "cleaner/result.h"
#include "cleaner/status.h"

namespace cleaner::cli {

// `doc` in `format` ("txt", "json", "jsonl", "markdown", "html"); `input` is the file or URL it came from.
// json and jsonl carry every metadata field under trafilatura's names (see render.cc); markdown starts with the
// title as "# "; html is a minimal article. All carry the same article text as txt.
std::string Render(const Document& doc, const std::string& input, const std::string& format);

// The JSON Lines record of an input that failed.
std::string RenderError(const std::string& input, const Status& status);

// File extension for `format`, with its dot.
std::string Extension(const std::string& format);

}  // namespace cleaner::cli

#endif  // CLEANER_CLI_RENDER_H_
