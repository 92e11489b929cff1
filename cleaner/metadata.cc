// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cleaner/metadata.h"

#include <algorithm>
#include <vector>

#include "cleaner/text.h"

namespace cleaner {
namespace {

std::string PrimaryLanguage(std::string_view tag) {
  std::string out;
  for (char c : Trim(tag)) {
    if (c == '-' || c == '_') break;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c | 0x20);
    if (c < 'a' || c > 'z') return {};
    out.push_back(c);
  }
  return out.size() >= 2 && out.size() <= 3 ? out : std::string();
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i] >= 'A' && a[i] <= 'Z' ? static_cast<char>(a[i] | 0x20) : a[i];
    char y = b[i] >= 'A' && b[i] <= 'Z' ? static_cast<char>(b[i] | 0x20) : b[i];
    if (x != y) return false;
  }
  return true;
}

size_t Words(std::string_view s) {
  size_t words = 0;
  bool in = false;
  for (char c : s) {
    bool sp = c == ' ';
    if (!sp && !in) ++words;
    in = !sp;
  }
  return words;
}

// Readability's title rule: from "Article | Site" or "Site - Article" keep the part that reads like a headline.
std::string CleanTitle(std::string title) {
  static constexpr std::string_view kSeparators[] = {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xBB ",
                                                     " :: ", " / "};
  for (std::string_view sep : kSeparators) {
    size_t pos = title.rfind(sep);
    if (pos == std::string::npos) continue;
    std::string first = title.substr(0, pos);
    if (Words(first) >= 3) return first;
    size_t fpos = title.find(sep);
    std::string rest = title.substr(fpos + sep.size());
    if (Words(rest) >= 3) return rest;
    return title;
  }
  return title;
}

}  // namespace

Metadata ReadMetadata(const Dom& dom) {
  Metadata m;
  std::string title_tag, og_title, h1;
  for (uint32_t i = 0; i < dom.size(); ++i) {
    const Node& n = dom.node(i);
    if (!n.is_element()) continue;
    switch (n.tag) {
      case Tag::kHtml:
        if (m.language.empty()) m.language = PrimaryLanguage(dom.attr(i, "lang"));
        if (m.language.empty()) m.language = PrimaryLanguage(dom.attr(i, "xml:lang"));
        break;
      case Tag::kTitle:
        if (title_tag.empty()) title_tag = InnerText(dom, i);
        break;
      case Tag::kMeta: {
        std::string_view prop = dom.attr(i, "property");
        if (prop.empty()) prop = dom.attr(i, "name");
        if ((prop == "og:title" || prop == "twitter:title") && og_title.empty()) {
          bool pending = false;
          AppendCollapsed(dom.attr(i, "content"), &og_title, &pending);
        }
        if (m.language.empty() && EqualsIgnoreCase(dom.attr(i, "http-equiv"), "content-language")) {
          m.language = PrimaryLanguage(dom.attr(i, "content"));
        }
        break;
      }
      case Tag::kH1:
        if (h1.empty()) h1 = InnerText(dom, i);
        break;
      default:
        break;
    }
  }
  if (!og_title.empty()) {
    m.title = std::string(Trim(og_title));
  } else if (!title_tag.empty()) {
    m.title = CleanTitle(title_tag);
  } else {
    m.title = h1;
  }
  return m;
}

}  // namespace cleaner
