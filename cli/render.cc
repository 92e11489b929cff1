// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cli/render.h"

#include <nlohmann/json.hpp>

namespace cleaner::cli {
namespace {

std::string MarkdownEscapeLine(const std::string& s) {
  // A line that would start a Markdown construct of its own gets a backslash.
  if (!s.empty() && (s[0] == '#' || s[0] == '>' || s[0] == '-' || s[0] == '*' || s[0] == '+')) return "\\" + s;
  return s;
}

}  // namespace

std::string Render(const Document& doc, const std::string& input, const std::string& format, bool with_title) {
  if (format == "json" || format == "jsonl") {
    nlohmann::json j;
    j["input"] = input;
    j["url"] = doc.url;
    j["title"] = doc.title;
    j["language"] = doc.language;
    j["text"] = doc.text;
    j["stats"] = {{"input_bytes", doc.stats.input_bytes},   {"parsed_bytes", doc.stats.parsed_bytes},
                  {"nodes", doc.stats.nodes},               {"pruned_nodes", doc.stats.pruned_nodes},
                  {"candidates", doc.stats.candidates},     {"pass", doc.stats.pass},
                  {"lines_before_filter", doc.stats.lines_before_filter},
                  {"lines_after_filter", doc.stats.lines_after_filter},
                  {"depth_capped", doc.stats.depth_capped}, {"invalid_utf8", doc.stats.invalid_utf8},
                  {"parse_ms", doc.stats.parse_ms},         {"total_ms", doc.stats.total_ms}};
    if (!doc.stats.empty_reason.empty()) j["stats"]["empty_reason"] = doc.stats.empty_reason;
    return j.dump(format == "json" ? 2 : -1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  if (format == "markdown") {
    std::string out;
    if (with_title && !doc.title.empty()) out += "# " + doc.title + "\n\n";
    Block::Kind previous = Block::Kind::kParagraph;
    for (const Block& b : doc.blocks) {
      bool tight = (b.kind == previous) && (b.kind == Block::Kind::kListItem || b.kind == Block::Kind::kTableRow);
      if (!out.empty() && !tight) out += "\n";
      switch (b.kind) {
        case Block::Kind::kHeading: out += std::string(static_cast<size_t>(b.level), '#') + " " + b.text; break;
        case Block::Kind::kListItem: out += "- " + b.text; break;
        case Block::Kind::kQuote: out += "> " + b.text; break;
        case Block::Kind::kPreformatted: out += "    " + b.text; break;
        default: out += MarkdownEscapeLine(b.text); break;
      }
      out += "\n";
      previous = b.kind;
    }
    return out;
  }
  return doc.text;
}

std::string Extension(const std::string& format) {
  if (format == "json" || format == "jsonl") return ".json";
  if (format == "markdown") return ".md";
  return ".txt";
}


std::string RenderError(const std::string& input, const Status& status) {
  nlohmann::json j = {{"input", input},
                      {"error", {{"code", std::string(StatusCodeName(status.code()))}, {"message", status.message()}}}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace cleaner::cli
