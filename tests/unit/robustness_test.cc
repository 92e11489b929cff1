// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Hostile, broken and huge inputs through the public API only. Every case must end with a clear result (ok,
// or an error with the documented code) in bounded time and memory: never a crash, a hang or a stack
// overflow.
//
// The deep and large cases run on a thread with a small stack (256 KiB): crawlers run many worker threads
// with small stacks, and Gumbo recurses when it frees a tree (google/gumbo-parser #387), so only a library
// that caps nesting before parsing and walks trees without recursion passes. There are no timing assertions
// here: speed is measured by the benchmarks; ctest's per-test timeout catches a hang.

#include <pthread.h>
#include <sys/mman.h>

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "cleaner/cleaner.h"
#include "cleaner/dom.h"
#include "gtest/gtest.h"

namespace cleaner {
namespace {

// -----------------------------------------------------------------------------------------------------------
// Helpers.

// Under AddressSanitizer every frame carries redzones, so the same code needs several times the stack; 1 MiB
// still proves the point there (a recursion over 100 000 nodes needs megabytes).
#if defined(__SANITIZE_ADDRESS__)
constexpr std::size_t kSmallStack = 1u << 20;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr std::size_t kSmallStack = 1u << 20;
#else
constexpr std::size_t kSmallStack = 256u << 10;
#endif
#else
constexpr std::size_t kSmallStack = 256u << 10;
#endif

void* RunFunction(void* arg) {
  (*static_cast<const std::function<void()>*>(arg))();
  return nullptr;
}

// Runs `fn` on a new thread whose stack is `stack_bytes` (std::thread cannot set it). Returns false, after
// recording a test failure, if the thread could not be started.
bool RunOnStack(std::size_t stack_bytes, const std::function<void()>& fn) {
  pthread_attr_t attr;
  if (pthread_attr_init(&attr) != 0) {
    ADD_FAILURE() << "pthread_attr_init failed";
    return false;
  }
  if (pthread_attr_setstacksize(&attr, stack_bytes) != 0) {
    pthread_attr_destroy(&attr);
    ADD_FAILURE() << "pthread_attr_setstacksize(" << stack_bytes << ") failed";
    return false;
  }
  pthread_t thread;
  const int rc = pthread_create(&thread, &attr, &RunFunction, const_cast<std::function<void()>*>(&fn));
  pthread_attr_destroy(&attr);
  if (rc != 0) {
    ADD_FAILURE() << "pthread_create failed: " << rc;
    return false;
  }
  if (pthread_join(thread, nullptr) != 0) {
    ADD_FAILURE() << "pthread_join failed";
    return false;
  }
  return true;
}

// Extract on a small-stack thread. A stack overflow there kills the whole test binary (SIGSEGV), which is the
// failure this is meant to expose.
Result<Document> ExtractOnSmallStack(const Extractor& extractor, std::string_view html) {
  std::optional<Result<Document>> out;
  if (!RunOnStack(kSmallStack, [&] { out.emplace(extractor.Extract(html)); }) || !out) {
    return Status(StatusCode::kInternal, "the small-stack thread did not run");
  }
  return std::move(*out);
}

// Returns the offset of the first byte that is not part of well-formed UTF-8 (RFC 3629, Unicode table 3-7: no
// overlong forms, no surrogates, nothing over U+10FFFF, no truncated sequence), or npos if all of `s` is
// valid.
std::size_t FirstInvalidUtf8(std::string_view s) {
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c == 0xE0) {
      len = 3;
      lo = 0xA0;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      len = 3;
    } else if (c == 0xED) {
      len = 3;
      hi = 0x9F;
    } else if (c == 0xF0) {
      len = 4;
      lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
      len = 4;
    } else if (c == 0xF4) {
      len = 4;
      hi = 0x8F;
    } else {
      return i;
    }
    if (n - i < len) return i;
    const unsigned char c1 = static_cast<unsigned char>(s[i + 1]);
    if (c1 < lo || c1 > hi) return i;
    for (std::size_t k = 2; k < len; ++k) {
      const unsigned char ck = static_cast<unsigned char>(s[i + k]);
      if (ck < 0x80 || ck > 0xBF) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

bool IsValidUtf8(std::string_view s) { return FirstInvalidUtf8(s) == std::string_view::npos; }

// A printable window of `s` around `pos` for failure messages (texts here can be 50 MB).
std::string Around(std::string_view s, std::size_t pos) {
  const std::size_t begin = pos > 40 ? pos - 40 : 0;
  std::string out;
  for (char ch : s.substr(begin, 80)) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c < 0x7F) {
      out += ch;
    } else {
      static const char kHex[] = "0123456789ABCDEF";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string Head(std::string_view s) { return Around(s, 0) + (s.size() > 80 ? "..." : ""); }

// The documented contract of an ok Document (result.h): UTF-8 text and title, text ending with '\n' unless
// empty, a reason when the text is empty, input_bytes as given. No NUL either: the HTML parser drops or
// replaces U+0000, and a NUL in the text breaks every C consumer downstream.
void ExpectWellFormed(const Document& doc, std::size_t input_bytes) {
  const std::size_t bad_text = FirstInvalidUtf8(doc.text);
  EXPECT_EQ(bad_text, std::string_view::npos)
      << "invalid UTF-8 in text at byte " << bad_text << ": " << Around(doc.text, bad_text);
  const std::size_t bad_title = FirstInvalidUtf8(doc.title);
  EXPECT_EQ(bad_title, std::string_view::npos)
      << "invalid UTF-8 in title at byte " << bad_title << ": " << Around(doc.title, bad_title);
  EXPECT_TRUE(IsValidUtf8(doc.language)) << Head(doc.language);
  const std::size_t nul = doc.text.find('\0');
  EXPECT_EQ(nul, std::string::npos) << "NUL in text at byte " << nul << ": " << Around(doc.text, nul);
  if (doc.text.empty()) {
    EXPECT_FALSE(doc.stats.empty_reason.empty()) << "empty text without Stats::empty_reason";
  } else {
    EXPECT_EQ(doc.text.back(), '\n') << "text does not end with a newline: ..."
                                     << Around(doc.text, doc.text.size());
  }
  EXPECT_EQ(doc.stats.input_bytes, input_bytes);
}

// Ok, or else an error with `allowed` (kNotHtml for binary input); ok results must be well formed.
void ExpectOkOr(const Result<Document>& result, std::string_view html, StatusCode allowed) {
  if (result.ok()) {
    ExpectWellFormed(*result, html.size());
  } else {
    EXPECT_EQ(result.status().code(), allowed) << result.status().ToString();
    EXPECT_FALSE(result.status().message().empty());
  }
}

bool Contains(std::string_view haystack, std::string_view needle) {
  return haystack.find(needle) != std::string_view::npos;
}

// xorshift64*: deterministic on every platform, unlike std::uniform_int_distribution.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed ? seed : 0x9E3779B97F4A7C15ull) {}
  std::uint64_t Next() {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 0x2545F4914F6CDD1Dull;
  }
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }

 private:
  std::uint64_t state_;
};

std::string RandomBytes(std::uint64_t seed, std::size_t n) {
  Rng rng(seed);
  std::string out(n, '\0');
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<char>(rng.Next() >> 56);
  return out;
}

// Plain prose vocabulary: no words a boilerplate rule could reasonably target (share, cookie, subscribe,
// ...).
constexpr std::string_view kEnglish[] = {
    "river",    "mountain", "village",   "farmers",  "harvest",  "season",     "water",    "people",
    "history",  "winter",   "summer",    "bridge",   "market",   "teacher",    "children", "school",
    "doctor",   "hospital", "engineer",  "railway",  "station",  "journey",    "morning",  "evening",
    "weather",  "forest",   "garden",    "council",  "budget",   "project",    "workers",  "factory",
    "harbour",  "island",   "coast",     "valley",   "research", "scientists", "study",    "results",
    "evidence", "method",   "problem",   "question", "answer",   "the",        "a",        "of",
    "and",      "to",       "in",        "was",      "were",     "with",       "from",     "after",
    "before",   "during",   "because",   "although", "while",    "their",      "many",     "several",
    "new",      "old",      "small",     "large",    "quiet",    "busy",       "early",    "late",
    "built",    "crossed",  "reported",  "measured", "planted",  "repaired",   "visited",  "described",
    "found",    "said",     "explained", "expected", "improved", "reached",    "carried",  "followed",
    "opened",   "closed",   "north",     "south",    "eastern",  "western",    "ancient",  "modern",
    "local",    "regional", "national",  "stone",    "timber",   "copper",     "grain",    "cotton",
    "wool",     "salt",     "fish",      "bread",    "twelve",   "hundred",    "thousand", "several",
    "nearly",   "almost",   "finally",   "slowly",   "carefully"};

// clang-format off
constexpr std::string_view kHindi[] = {
    "भारत", "सरकार", "ने", "कहा", "कि", "देश", "में", "लोगों",
    "के", "लिए", "नई", "योजना", "शुरू", "की", "गई", "है",
    "और", "इस", "से", "बड़ी", "संख्या", "को", "लाभ", "मिलेगा",
    "मंत्री", "राज्य", "विकास", "शिक्षा", "किसान", "स्वास्थ्य", "पानी", "शहर",
    "गांव", "समय", "साल", "काम", "बात", "सभी", "पहले", "बाद",
    "नदी", "पहाड़", "बाजार", "स्कूल", "बच्चे", "मौसम", "फसल", "रेलवे"};
// clang-format on

template <std::size_t N>
std::string Sentence(Rng& rng, const std::string_view (&words)[N], std::string_view stop) {
  std::string out;
  const std::size_t count = 8 + rng.Below(11);
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out += (rng.Below(9) == 0 && i + 1 < count) ? ", " : " ";
    out += words[rng.Below(N)];
  }
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  out += stop;
  return out;
}

// Varied prose of at least `min_bytes` bytes.
std::string Prose(Rng& rng, std::size_t min_bytes) {
  std::string out;
  while (out.size() < min_bytes) {
    if (!out.empty()) out += ' ';
    out += Sentence(rng, kEnglish, ".");
  }
  return out;
}

std::string HindiProse(Rng& rng, std::size_t min_bytes) {
  std::string out;
  while (out.size() < min_bytes) {
    if (!out.empty()) out += ' ';
    out += Sentence(rng, kHindi, "।");
  }
  return out;
}

constexpr std::string_view kNav =
    "<header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/world\">World</a></li>"
    "<li><a href=\"/sport\">Sport</a></li><li><a href=\"/science\">Science</a></li></ul></nav></header>";

// A news-like page: navigation, an article of `paragraphs` paragraphs, a footer. `extra_body` goes into the
// article after the generated paragraphs.
std::string ArticlePage(std::uint64_t seed, int paragraphs, std::string_view extra_body = {}) {
  Rng rng(seed);
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Report from the valley</title>"
      "</head>\n<body>";
  html += kNav;
  html += "\n<main><article><h1>Report from the valley</h1>\n";
  for (int i = 0; i < paragraphs; ++i) {
    html += "<p>" + Prose(rng, 300 + rng.Below(400)) + "</p>\n";
  }
  html += extra_body;
  html += "</article></main>\n<footer><p>Contact the newsroom</p></footer></body></html>\n";
  return html;
}

// Article paragraphs with words a test can look for: "Kilimanjaro", "Zanzibar", "Serengeti".
constexpr std::string_view kMarkedArticle =
    "<p>The expedition left Kilimanjaro before sunrise and walked for eleven hours across the dry plain, "
    "carrying water, grain and copper tools for the villages they expected to reach before the rains began "
    "in "
    "earnest.</p>\n"
    "<p>Three weeks later the travellers reached Zanzibar harbour, where merchants described the difficult "
    "season, the failed harvest in the western valleys and the new railway that was being built along the "
    "coast.</p>\n"
    "<p>On the return journey they crossed the Serengeti slowly and carefully, recording the weather every "
    "morning and every evening in a small notebook that the local school still keeps in a glass case.</p>\n";

void ExpectMarkedWords(const Document& doc) {
  EXPECT_TRUE(Contains(doc.text, "Kilimanjaro")) << Head(doc.text);
  EXPECT_TRUE(Contains(doc.text, "Zanzibar")) << Head(doc.text);
  EXPECT_TRUE(Contains(doc.text, "Serengeti")) << Head(doc.text);
}

// A string literal with its embedded NULs (all but the terminating one).
template <std::size_t N>
std::string Bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

std::string Repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// -----------------------------------------------------------------------------------------------------------
// The validator the other tests rely on.


// Gumbo 0.10.1 as Debian builds it keeps its assertions, and these 40-byte pages fail two of them (found by random
// tag soups in review): the page is a parse error, not an aborted process, and the next page is cleaned as usual.
// (The pre-scan now drops the MathML <td> and <select> that lead the parser there, and 600 000 random tag soups
// reached no assertion through it, so the pages go to the parser as they are.)
TEST(RobustnessTest, TheParsersFailedAssertionsAreParseErrors) {
  for (const char* page : {"<table><math><td><mtext><select></table>", "<table><math><select><mtext><select><tr>"}) {
    Result<Dom> dom = Dom::Parse(page);
    ASSERT_FALSE(dom.ok()) << page;
    EXPECT_EQ(dom.status().code(), StatusCode::kParseError) << page;
    EXPECT_NE(dom.status().message().find("failed its own check"), std::string::npos) << dom.status().message();
  }
  Extractor extractor;
  auto doc = extractor.Extract("<p>After a parser failure the next page is cleaned as usual, one by one.</p>");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_NE(doc->text.find("cleaned as usual"), std::string::npos) << doc->text;
}

TEST(RobustnessUtf8Validator, AcceptsWellFormedAndRejectsIllFormed) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ascii"));
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9 \xE0\xA4\xAD\xE0\xA4\xBE\xE0\xA4\xB0\xE0\xA4\xA4 \xF0\x9F\x98\x80"));
  EXPECT_TRUE(IsValidUtf8("\xEF\xBF\xBD"));       // U+FFFD
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));       // U+D7FF, just below the surrogates
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));   // U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xC0\xAF"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xE0\x80\xAF"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xF0\x80\x80\xAF"));  // overlong
  EXPECT_FALSE(IsValidUtf8("\x80"));              // lone continuation
  EXPECT_FALSE(IsValidUtf8("\xE2\x82"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xED\xA0\x80"));      // U+D800
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80"));  // over U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xFF"));
  EXPECT_EQ(FirstInvalidUtf8(std::string("ab\xC3\xA9") + "c\xFE"), 5u);
}

// -----------------------------------------------------------------------------------------------------------
// Empty and content-free input.

TEST(RobustnessEmpty, EmptyInputIsOkWithEmptyTextAndAReason) {
  const Extractor extractor;
  const Result<Document> result = extractor.Extract("");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->text, "");
  EXPECT_FALSE(result->stats.empty_reason.empty());
  ExpectWellFormed(*result, 0);
}

// A moved-from Extractor answers with an error value, never a crash (extractor.h): Extract and CleanText give
// kInvalidArgument, options() the defaults.
TEST(RobustnessMovedFrom, CallsReturnErrorsNotCrashes) {
  Options options;
  options.with_title = true;
  Extractor from(options);
  const Extractor to(std::move(from));
  EXPECT_TRUE(to.options().with_title);
  EXPECT_EQ(from.Extract("<p>text</p>").status().code(), StatusCode::kInvalidArgument);  // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(from.CleanText("text").status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(from.options().with_title);
}

TEST(RobustnessEmpty, DocumentsWithoutTextAreOkWithEmptyText) {
  const Extractor extractor;
  const std::string inputs[] = {
      " \n\t\r\n ",
      "\xEF\xBB\xBF",  // a BOM alone
      "<html></html>",
      "<!DOCTYPE html>",
      "<!DOCTYPE html><html><head><title></title></head><body></body></html>",
      "<html><body><script>var x = 1;</script><style>p { color: red }</style></body></html>",
      "<!-- nothing but a comment -->",
  };
  for (const std::string& html : inputs) {
    SCOPED_TRACE(Head(html));
    const Result<Document> result = extractor.Extract(html);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_EQ(result->text, "");
    EXPECT_FALSE(result->stats.empty_reason.empty());
    ExpectWellFormed(*result, html.size());
  }
}

TEST(RobustnessNoArticle, NavigationOnlyPageGivesEmptyOrShortText) {
  std::string html = "<!DOCTYPE html><html><head><title>Index</title></head><body><nav><ul>";
  std::size_t link_text = 0;
  for (int i = 0; i < 40; ++i) {
    const std::string label = "Section " + std::to_string(i);
    link_text += label.size() + 1;
    html += "<li><a href=\"/section/" + std::to_string(i) + "\">" + label + "</a></li>";
  }
  html +=
      "</ul></nav><footer><a href=\"/about\">About</a> <a "
      "href=\"/contact\">Contact</a></footer></body></html>";

  const Extractor extractor;
  const Result<Document> result = extractor.Extract(html);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result, html.size());
  // At worst the fallback passes return the link labels; never more text than the page holds.
  EXPECT_LE(result->text.size(), link_text + 64) << Head(result->text);
}

// -----------------------------------------------------------------------------------------------------------
// Binary input.

void ExpectBinaryHandled(const Extractor& extractor, const std::string& input) {
  const Result<Document> result = extractor.Extract(input);
  ExpectOkOr(result, input, StatusCode::kNotHtml);
}

TEST(RobustnessBinary, PseudoRandomBytesWithNuls) {
  const Extractor extractor;
  const std::string junk = RandomBytes(1, 64u << 10);
  ASSERT_NE(junk.find('\0'), std::string::npos);
  ExpectBinaryHandled(extractor, junk);
  ExpectBinaryHandled(extractor, RandomBytes(2, 64u << 10));
  ExpectBinaryHandled(extractor, std::string(64u << 10, '\0'));
  ExpectBinaryHandled(extractor, std::string(1, '\0'));
  // Junk that starts like markup, so a sniffer that only looks at the first bytes lets it through.
  ExpectBinaryHandled(extractor, "<html><body><p>" + RandomBytes(3, 64u << 10));
  // High bytes only: no NUL, no ASCII markup, every sequence invalid UTF-8.
  std::string high = RandomBytes(4, 64u << 10);
  for (char& c : high) c = static_cast<char>(static_cast<unsigned char>(c) | 0x80);
  ExpectBinaryHandled(extractor, high);
}

TEST(RobustnessBinary, FileFormatHeadersFollowedByJunk) {
  const Extractor extractor;
  const std::string png = Bytes("\x89PNG\r\n\x1A\n\0\0\0\x0DIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0");
  const std::string headers[] = {
      png,
      Bytes("\x1F\x8B\x08\0\0\0\0\0\0\x03"),     // gzip
      "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n",  // PDF
      Bytes("\xFF\xD8\xFF\xE0\0\x10JFIF\0"),     // JPEG
      Bytes("PK\x03\x04\x14\0\0\0\x08\0"),       // zip
      "GIF89a",
  };
  for (const std::string& header : headers) {
    SCOPED_TRACE(Head(header));
    ExpectBinaryHandled(extractor, header + RandomBytes(5, 64u << 10));
    ExpectBinaryHandled(extractor, header);  // the header alone
  }
}

TEST(RobustnessBinary, Utf16EncodedHtml) {
  // A UTF-16LE page with its BOM: decoding it or refusing it as kNotHtml are both clear answers.
  const std::string page = "<html><body><article>" + std::string(kMarkedArticle) + "</article></body></html>";
  std::string le = "\xFF\xFE";
  std::string be = "\xFE\xFF";
  for (char c : page) {  // kMarkedArticle is ASCII
    le += c;
    le += '\0';
    be += '\0';
    be += c;
  }
  const Extractor extractor;
  ExpectBinaryHandled(extractor, le);
  ExpectBinaryHandled(extractor, be);
  ExpectBinaryHandled(extractor, le.substr(2));  // no BOM
}

TEST(RobustnessBinary, StrayNulsInsideAnArticle) {
  // A few stray NULs happen in real scraped pages; the binary sniffer tolerates about 1 in 1000 bytes
  // (decode.cc), so a page of normal length with four of them is HTML, and the NULs must not reach the text.
  std::string body(kMarkedArticle);
  body.insert(body.find("Zanzibar harbour") + 8, std::string(1, '\0'));
  body.insert(body.find("eleven"), std::string(3, '\0'));
  const Extractor extractor;
  const std::string html = ArticlePage(11, 16, body);
  ASSERT_GT(std::min<std::size_t>(html.size(), 8192), 4 * 1000u);
  const Result<Document> result = extractor.Extract(html);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result, html.size());
  ExpectMarkedWords(*result);

  // Denser NULs in a short page: refusing it as binary or extracting it are both clear answers.
  const std::string short_page = ArticlePage(12, 1, body);
  const Result<Document> short_result = extractor.Extract(short_page);
  ExpectOkOr(short_result, short_page, StatusCode::kNotHtml);
}

// -----------------------------------------------------------------------------------------------------------
// Invalid UTF-8 and the BOM.

struct BadBytes {
  const char* name;
  std::string bytes;
};

std::vector<BadBytes> IllFormedSequences() {
  return {
      {"overlong 2-byte '/'", "\xC0\xAF"},
      {"overlong 2-byte NUL", "\xC0\x80"},
      {"overlong C1", "\xC1\xBF"},
      {"overlong 3-byte", "\xE0\x80\xAF"},
      {"overlong 4-byte", "\xF0\x80\x80\xAF"},
      {"lone continuation 80", "\x80"},
      {"lone continuation BF", "\xBF"},
      {"run of continuations", "\x80\x81\x82\x83\xBF"},
      {"truncated 2-byte", "\xC3"},
      {"truncated 3-byte", "\xE2\x82"},
      {"truncated 4-byte", "\xF0\x9F\x98"},
      {"truncated 3-byte before space", "\xE2\x82 "},
      {"high surrogate", "\xED\xA0\x80"},
      {"low surrogate", "\xED\xBF\xBF"},
      {"CESU-8 surrogate pair", "\xED\xA0\xBD\xED\xB8\x80"},
      {"over U+10FFFF", "\xF4\x90\x80\x80"},
      {"F5 lead byte", "\xF5\x80\x80\x80"},
      {"5-byte form", "\xF8\x88\x80\x80\x80"},
      {"6-byte form", "\xFC\x84\x80\x80\x80\x80"},
      {"FF", "\xFF"},
      {"FE", "\xFE"},
      {"FF FE FD", "\xFF\xFE\xFD"},
      {"lead byte followed by lead byte", "\xC3\xC3\xA9"},
  };
}

TEST(RobustnessUtf8, InvalidSequencesInsideAnArticleAreReplaced) {
  const Extractor extractor;
  std::string all;
  for (const BadBytes& bad : IllFormedSequences()) {
    SCOPED_TRACE(bad.name);
    all += bad.bytes;
    // The bad bytes sit right against the marker words: a decoder that swallows the next byte as a
    // continuation would break "Zanzibar" or "Serengeti".
    std::string body(kMarkedArticle);
    body.insert(body.find("Zanzibar"), bad.bytes);
    body.insert(body.find("Serengeti") + 9, bad.bytes);
    body += "<p>Caf\xC3\xA9 owners in the \xE0\xA4\xAD\xE0\xA4\xBE\xE0\xA4\xB0\xE0\xA4\xA4 quarter " +
            bad.bytes + " kept their shutters open.</p>\n";
    // More valid sequences than invalid ones: a page declared UTF-8 whose bytes are mostly invalid is a
    // mislabelled legacy page, detected instead (CharsetDecode.FilesAreDecodedAsFetchedPagesAre).
    body += "<p>\xE0\xA4\xAD\xE0\xA4\xBE\xE0\xA4\xB0\xE0\xA4\xA4 \xE0\xA4\xAD\xE0\xA4\xBE\xE0\xA4\xB0\xE0\xA4\xA4 "
            "\xE0\xA4\xAD\xE0\xA4\xBE\xE0\xA4\xB0\xE0\xA4\xA4 \xE0\xA4\xAD\xE0\xA4\xBE\xE0\xA4\xB0\xE0\xA4\xA4 "
            "\xE0\xA4\xAD\xE0\xA4\xBE\xE0\xA4\xB0\xE0\xA4\xA4 caf\xC3\xA9 na\xC3\xAFve r\xC3\xA9sum\xC3\xA9</p>\n";
    const std::string html = ArticlePage(21, 1, body);
    const Result<Document> result = extractor.Extract(html);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ExpectWellFormed(*result, html.size());
    ExpectMarkedWords(*result);
    EXPECT_TRUE(Contains(result->text, "Caf\xC3\xA9")) << "valid UTF-8 next to invalid bytes was damaged";
    EXPECT_TRUE(Contains(result->text, "\xE0\xA4\xAD\xE0\xA4\xBE\xE0\xA4\xB0\xE0\xA4\xA4"));
    EXPECT_TRUE(result->stats.invalid_utf8) << "the page declares UTF-8 and holds invalid sequences";
  }

  SCOPED_TRACE("all sequences together, also in the title and attributes");
  std::string body(kMarkedArticle);
  body.insert(body.find("Zanzibar"), all);
  body += "<p class=\"x" + all + "\" title=\"" + all + "\">" + all + "</p>\n";
  // As above, more valid sequences than invalid ones, or the page is a mislabelled legacy one.
  std::string hindi;
  for (int i = 0; i < 100; ++i) hindi += "\xE0\xA4\xAD\xE0\xA4\xBE\xE0\xA4\xB0\xE0\xA4\xA4 ";
  body += "<p>" + hindi + "</p>\n";
  std::string html = ArticlePage(22, 2, body);
  html.replace(html.find("<title>") + 7, 0, all);
  const Result<Document> result = extractor.Extract(html);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result, html.size());
  ExpectMarkedWords(*result);
  EXPECT_TRUE(result->stats.invalid_utf8);
}

TEST(RobustnessUtf8, WithoutDeclaredCharsetOutputIsStillValid) {
  // No <meta charset>: the decoder may guess another charset; whatever it does, the output must be UTF-8.
  const Extractor extractor;
  for (const BadBytes& bad : IllFormedSequences()) {
    SCOPED_TRACE(bad.name);
    std::string body(kMarkedArticle);
    body.insert(body.find("Zanzibar"), bad.bytes);
    const std::string html = "<html><body><article>" + body + "</article></body></html>";
    const Result<Document> result = extractor.Extract(html);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ExpectWellFormed(*result, html.size());
    ExpectMarkedWords(*result);
  }
}

TEST(RobustnessUtf8, TruncatedSequenceAtEndOfInput) {
  const Extractor extractor;
  const std::string page = ArticlePage(23, 2, kMarkedArticle);
  for (const char* tail : {"\xC3", "\xE2\x82", "\xF0\x9F\x98", "\xF0", "\xED\xA0"}) {
    const std::string html = page + "<p>tail " + tail;
    SCOPED_TRACE(Around(html, html.size()));
    const Result<Document> result = extractor.Extract(html);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ExpectWellFormed(*result, html.size());
    ExpectMarkedWords(*result);
  }
}

TEST(RobustnessBom, Utf8BomBeforeHtmlIsDropped) {
  const Extractor extractor;
  const std::string bom = "\xEF\xBB\xBF";
  const std::string pages[] = {
      bom + ArticlePage(31, 2, kMarkedArticle),
      bom + "<html><head><title>Valley report</title></head><body><article>" + std::string(kMarkedArticle) +
          "</article></body></html>",
      bom + "<p>" + std::string(kMarkedArticle),  // no <html> at all
  };
  for (const std::string& html : pages) {
    SCOPED_TRACE(Head(html));
    const Result<Document> result = extractor.Extract(html);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ExpectWellFormed(*result, html.size());
    ExpectMarkedWords(*result);
    EXPECT_FALSE(Contains(result->text, bom)) << Head(result->text);
    EXPECT_FALSE(Contains(result->title, bom)) << Head(result->title);
    EXPECT_FALSE(result->stats.invalid_utf8);
  }
  // The title is read with the BOM gone.
  const Result<Document> result = extractor.Extract(pages[1]);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->title, "Valley report");
}

// -----------------------------------------------------------------------------------------------------------
// Size.

TEST(RobustnessSize, FiftyMegabytePage) {
  Rng rng(41);
  std::string html;
  html.reserve(51u << 20);
  html +=
      "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>A very long report</title>"
      "</head><body>";
  html += kNav;
  html += "<main><article><h1>A very long report</h1>\n";
  html += "<p>Opening paragraph: the Kilimanjaro survey began in a cold winter with twelve engineers.</p>\n";
  constexpr std::size_t kTarget = 50'000'000;
  std::size_t paragraphs = 0;
  while (html.size() < kTarget) {
    if (paragraphs % 40 == 39) html += "<h2>" + Sentence(rng, kEnglish, "") + "</h2>\n";
    html += "<p>" + Prose(rng, 200 + rng.Below(600)) + "</p>\n";
    ++paragraphs;
  }
  html += "<p>Closing paragraph: the Zanzibar survey ended in a warm summer with eleven engineers.</p>\n";
  html += "</article></main><footer><p>Contact the newsroom</p></footer></body></html>\n";
  ASSERT_GE(html.size(), kTarget);
  ASSERT_LT(html.size(), Options().max_input_bytes);

  const Extractor extractor;
  const Result<Document> result = ExtractOnSmallStack(extractor, html);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result, html.size());
  ASSERT_FALSE(result->text.empty()) << result->stats.empty_reason;
  // One article of prose: its first and last paragraphs must both come out (nothing silently truncated).
  EXPECT_TRUE(Contains(result->text, "Kilimanjaro survey")) << Head(result->text);
  EXPECT_TRUE(Contains(result->text, "Zanzibar survey")) << Around(result->text, result->text.size());
}

TEST(RobustnessSize, InputOverMaxInputBytesIsRefused) {
  Options options;
  options.max_input_bytes = 1u << 20;
  const Extractor extractor(options);

  std::string html = ArticlePage(42, 3, kMarkedArticle);
  const std::string page = html;
  while (html.size() < (2u << 20)) html += page;
  html.resize(2u << 20);
  const Result<Document> result = extractor.Extract(html);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kTooLarge) << result.status().ToString();
  EXPECT_FALSE(result.status().message().empty());

  // One byte over the limit is over; exactly at the limit is not ("pages over this many bytes are refused").
  std::string at_limit = ArticlePage(43, 3, kMarkedArticle);
  at_limit.resize(options.max_input_bytes, ' ');
  const Result<Document> ok = extractor.Extract(at_limit);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  ExpectWellFormed(*ok, at_limit.size());
  ExpectMarkedWords(*ok);
  const Result<Document> over = extractor.Extract(at_limit + " ");
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().code(), StatusCode::kTooLarge);

  // Binary junk over the limit is refused as well, whichever check comes first.
  const std::string junk = RandomBytes(44, 2u << 20);
  const Result<Document> junk_result = extractor.Extract(junk);
  ASSERT_FALSE(junk_result.ok());
  EXPECT_TRUE(junk_result.status().code() == StatusCode::kTooLarge ||
              junk_result.status().code() == StatusCode::kNotHtml)
      << junk_result.status().ToString();
}

// Over kMaxInputBytesCeiling an input is refused even when Options::max_input_bytes allows it: the parsed tree's
// 32-bit offsets could not address it. The input is an untouched anonymous mapping, so the test costs no memory; the
// size check comes before any byte is read.
TEST(RobustnessSize, NoOptionLiftsTheCeiling) {
  const size_t bytes = kMaxInputBytesCeiling + 1;
  void* map = mmap(nullptr, bytes, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  ASSERT_NE(map, MAP_FAILED);
  const std::string_view huge(static_cast<const char*>(map), bytes);
  Options options;
  options.max_input_bytes = SIZE_MAX;
  const Extractor extractor(options);
  const Result<Document> page = extractor.Extract(huge);
  const Result<Document> text = extractor.CleanText(huge);
  munmap(map, bytes);
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(page.status().code(), StatusCode::kTooLarge) << page.status().ToString();
  ASSERT_FALSE(text.ok());
  EXPECT_EQ(text.status().code(), StatusCode::kTooLarge) << text.status().ToString();
}

// Memory grows with the number of elements, so a page of more than Options::max_elements is refused before it is
// parsed, with a message that says why; a page under the limit is extracted as usual.
TEST(RobustnessSize, PagesOfTooManyElementsAreRefusedBeforeParsing) {
  Options options;
  options.max_elements = 1000;
  const Extractor extractor(options);
  std::string many = "<html><body><article>";
  for (int i = 0; i < 1200; ++i) many += "<p>" + std::to_string(i) + "</p>";
  const Result<Document> over = extractor.Extract(many);
  ASSERT_FALSE(over.ok());
  EXPECT_EQ(over.status().code(), StatusCode::kTooLarge);
  EXPECT_NE(over.status().message().find("elements"), std::string::npos) << over.status().ToString();
  const std::string page = ArticlePage(45, 3, kMarkedArticle);
  const Result<Document> under = extractor.Extract(page);
  ASSERT_TRUE(under.ok()) << under.status().ToString();
  ExpectMarkedWords(*under);
}

// A line of output costs memory of its own (6 million one-character lines in a <pre> took 2 GB; 6 million of plain
// text 1.4 GB): a page or text is split into at most 1 000 000 lines (result.h), the rest joined to the last line
// with its text kept.
TEST(RobustnessSize, MillionsOfShortLinesAreCapped) {
  constexpr std::size_t kCap = 1'000'000, kLines = 1'200'000;
  const Extractor extractor;
  Rng rng(46);
  const std::string html = "<html><body><article><p>" + Prose(rng, 300) + "</p><pre>" +
                           Repeat("1\n", kLines) + "</pre></article></body></html>";
  const Result<Document> page = extractor.Extract(html);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  ExpectWellFormed(*page, html.size());
  EXPECT_LE(page->blocks.size(), kCap);
  EXPECT_LE(page->stats.lines_before_filter, kCap);
  EXPECT_EQ(std::count(page->text.begin(), page->text.end(), '1'), static_cast<std::ptrdiff_t>(kLines));

  std::string text;
  for (std::size_t i = 0; i < kLines; ++i) text += "Entry " + std::to_string(i) + "\n";
  const Result<Document> plain = extractor.CleanText(text);
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  ExpectWellFormed(*plain, text.size());
  EXPECT_LE(plain->blocks.size(), kCap);
  EXPECT_LE(plain->stats.lines_before_filter, kCap);
  EXPECT_TRUE(Contains(plain->text, "Entry 1199999\n")) << Around(plain->text, plain->text.size());
}

// -----------------------------------------------------------------------------------------------------------
// Depth.

struct DeepCase {
  const char* name;
  std::string html;
};

std::vector<DeepCase> DeepCases() {
  const std::string head = "<!DOCTYPE html><html><head><title>Deep</title></head><body>";
  const std::string bottom = "<article>" + std::string(kMarkedArticle) + "</article>";
  return {
      {"100000 nested unclosed divs", head + Repeat("<div>", 100000) + bottom},
      {"100000 nested closed divs",
       head + Repeat("<div>", 100000) + bottom + Repeat("</div>", 100000) + "</body></html>"},
      {"50000 unclosed <b><i> pairs", head + Repeat("<b><i>", 50000) + bottom},
      {"100000 nested divs with classes",
       head + Repeat("<div class=\"wrapper content\">", 100000) + bottom + Repeat("</div>", 100000)},
      {"30000 nested tables", head + Repeat("<table><tr><td>", 30000) + bottom},
      // The parser's adoption agency moves a block out of a formatting element that closes around it and keeps it
      // open, so each repeat nests one level deeper; the pre-scan once read these as closed (4.5 s for 20 000).
      {"20000 <b><div> closed by </b>", head + Repeat("<b><div>x</b>", 20000) + bottom},
      {"20000 <a><div> closed by the next <a>", head + Repeat("<a><div>x", 20000) + bottom},
      {"100000 nested spans and sections",
       head + Repeat("<section><span>", 50000) + bottom + Repeat("</span></section>", 50000)},
  };
}

TEST(RobustnessDepth, DeepNestingIsCappedAndTheTextAtTheBottomExtracted) {
  const Extractor extractor;
  for (const DeepCase& deep : DeepCases()) {
    SCOPED_TRACE(deep.name);
    const Result<Document> result = ExtractOnSmallStack(extractor, deep.html);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ExpectWellFormed(*result, deep.html.size());
    EXPECT_TRUE(result->stats.depth_capped);
    ExpectMarkedWords(*result);
  }
}

TEST(RobustnessDepth, OrdinaryDepthIsNotCapped) {
  const Extractor extractor;
  const std::string html = "<html><body>" + Repeat("<div>", 200) + "<article>" + std::string(kMarkedArticle) +
                           "</article>" + Repeat("</div>", 200) + "</body></html>";
  const Result<Document> result = ExtractOnSmallStack(extractor, html);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result, html.size());
  EXPECT_FALSE(result->stats.depth_capped);
  ExpectMarkedWords(*result);
}

TEST(RobustnessDepth, SmallMaxDepthIsHonoured) {
  Options options;
  options.max_depth = 16;
  const Extractor extractor(options);
  const std::string html = "<html><body>" + Repeat("<div>", 100) + "<article>" + std::string(kMarkedArticle) +
                           "</article>" + Repeat("</div>", 100) + "</body></html>";
  const Result<Document> result = ExtractOnSmallStack(extractor, html);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result, html.size());
  EXPECT_TRUE(result->stats.depth_capped);
  ExpectMarkedWords(*result);
}

TEST(RobustnessDepth, ManyElementsThatDoNotNest) {
  // Void elements and implicitly closed <p>/<li> do not nest: a pre-scan that counts them as open must not
  // crash or lose the text (whether it flags depth_capped is its own business).
  const Extractor extractor;
  const std::string cases[] = {
      "<html><body><article>" + std::string(kMarkedArticle) + Repeat("<br>", 100000) +
          "</article></body></html>",
      "<html><body><article>" + std::string(kMarkedArticle) + Repeat("<img src=x><hr><input>", 30000) +
          "</article></body></html>",
      "<html><body><article>" + std::string(kMarkedArticle) + Repeat("<p>word", 100000) +
          "</article></body></html>",
      "<html><body><article>" + std::string(kMarkedArticle) + "<ul>" + Repeat("<li>item", 100000) + "</ul>" +
          "</article></body></html>",
      "<html><body><article>" + std::string(kMarkedArticle) + Repeat("</div>", 100000) +
          "</article></body></html>",
  };
  for (const std::string& html : cases) {
    SCOPED_TRACE(Around(html, html.size() - 40));
    const Result<Document> result = ExtractOnSmallStack(extractor, html);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ExpectWellFormed(*result, html.size());
    ExpectMarkedWords(*result);
  }
}

// -----------------------------------------------------------------------------------------------------------
// Broken markup.

TEST(RobustnessBroken, UnclosedTagsEverywhere) {
  const std::string html =
      "<html><head><title>Unclosed<meta charset=utf-8></title><body><div class=page><div id=main><article>"
      "<h1>Valley report</h1><p>The expedition left Kilimanjaro before sunrise and walked for eleven hours "
      "across the dry plain, carrying water, grain and copper tools for the villages<span> they expected<b> "
      "to "
      "reach<i> before the rains began.<p>Three weeks later the travellers reached Zanzibar harbour, where "
      "merchants described the difficult season<ul><li>the failed harvest<li>the new railway<li>the western "
      "valleys</ul><p>On the return journey they crossed the Serengeti slowly and carefully, recording the "
      "weather every morning and every evening in a small notebook that the local school still keeps<a "
      "href=/x>in a glass case<table><tr><td>cell<td>cell<tr><td>row<div><section><blockquote><pre><code>";
  const Extractor extractor;
  const Result<Document> result = extractor.Extract(html);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result, html.size());
  ExpectMarkedWords(*result);
}

// Ends `page` in the middle of the first occurrence of `at`, after `keep` of its characters.
std::string CutInside(const std::string& page, std::string_view at, std::size_t keep) {
  const std::size_t pos = page.find(at);
  EXPECT_NE(pos, std::string::npos) << at;
  return page.substr(0, pos == std::string::npos ? page.size() : pos + keep);
}

std::string TailedPage() {
  // Everything a truncation can land in, after the article so the article words must survive any cut there.
  return ArticlePage(51, 2,
                     std::string(kMarkedArticle) +
                         "<aside class=\"related-links\" data-track='side'><a href=\"/more?x=1&amp;y=2\" "
                         "title=\"More stories\">More &amp; more</a><!-- COMMENTLEAK a comment -->"
                         "<script>var secret = \"SCRIPTLEAK <p>not text</p>\";</script>"
                         "<style>.x { content: \"STYLELEAK\" }</style>"
                         "<p>Final caf\xC3\xA9 words \xE0\xA4\xAD\xE0\xA4\xBE\xE0\xA4\xB0\xE0\xA4\xA4 "
                         "&eacute;t&eacute; &#x1F600; done</p></aside>");
}

TEST(RobustnessBroken, TruncatedInTheMiddleOfConstructs) {
  const std::string page = TailedPage();
  struct Cut {
    const char* name;
    std::string html;
  };
  const Cut cuts[] = {
      {"inside a tag name", CutInside(page, "<aside", 3)},
      {"inside an attribute name", CutInside(page, "class=\"related", 3)},
      {"inside a double-quoted attribute value", CutInside(page, "class=\"related", 10)},
      {"inside a single-quoted attribute value", CutInside(page, "data-track='side'", 13)},
      {"after an attribute's '='", CutInside(page, "title=\"More", 6)},
      {"inside an entity in an attribute", CutInside(page, "&amp;y=2", 3)},
      {"inside an entity in text", CutInside(page, "&amp; more", 2)},
      {"inside a comment opener", CutInside(page, "<!-- COMMENTLEAK", 3)},
      {"inside a comment", CutInside(page, "<!-- COMMENTLEAK", 12)},
      {"inside a script", CutInside(page, "var secret", 8)},
      {"inside a string in a script", CutInside(page, "SCRIPTLEAK <p>", 13)},
      {"inside </script>", CutInside(page, "</script>", 5)},
      {"inside a style", CutInside(page, "STYLELEAK", 4)},
      {"inside a 2-byte UTF-8 character", CutInside(page, "caf\xC3\xA9", 4)},
      {"inside a 3-byte UTF-8 character", CutInside(page, "\xE0\xA4\xAD", 2)},
      {"inside a numeric character reference", CutInside(page, "&#x1F600;", 5)},
      {"inside a closing tag", CutInside(page, "</aside>", 4)},
      {"inside </html>", CutInside(page, "</html>", 3)},
  };
  const Extractor extractor;
  for (const Cut& cut : cuts) {
    SCOPED_TRACE(std::string(cut.name) + ": ..." + Around(cut.html, cut.html.size()));
    const Result<Document> result = extractor.Extract(cut.html);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ExpectWellFormed(*result, cut.html.size());
    ExpectMarkedWords(*result);
    EXPECT_FALSE(Contains(result->text, "SCRIPTLEAK"));
    EXPECT_FALSE(Contains(result->text, "STYLELEAK"));
    EXPECT_FALSE(Contains(result->text, "COMMENTLEAK"));
  }
}

TEST(RobustnessBroken, EveryPrefixOfAPage) {
  // A cut at every byte: inside every tag, attribute, entity, comment, script and multi-byte character.
  const std::string page = TailedPage();
  const Extractor extractor;
  for (std::size_t n = 0; n <= page.size(); ++n) {
    const std::string_view prefix(page.data(), n);
    const Result<Document> result = extractor.Extract(prefix);
    ASSERT_TRUE(result.ok()) << "prefix of " << n << " bytes: ..." << Around(prefix, n) << ": "
                             << result.status().ToString();
    const std::size_t bad = FirstInvalidUtf8(result->text);
    ASSERT_EQ(bad, std::string_view::npos) << "prefix of " << n << " bytes: ..." << Around(prefix, n)
                                           << "\ninvalid UTF-8 in text: " << Around(result->text, bad);
    ASSERT_TRUE(IsValidUtf8(result->title)) << "prefix of " << n << " bytes";
    ASSERT_EQ(result->text.find('\0'), std::string::npos) << "prefix of " << n << " bytes";
    ASSERT_TRUE(!result->text.empty() || !result->stats.empty_reason.empty())
        << "prefix of " << n << " bytes";
  }
}

TEST(RobustnessBroken, ConstructsThatNeverClose) {
  const std::string before = ArticlePage(61, 2, kMarkedArticle);
  // Cut the page right after the article, then open something that swallows the rest of the input.
  const std::string start = before.substr(0, before.find("</article>"));
  const std::string rest =
      "<p>LEAK after the opener</p></article></main><footer>Contact</footer></body></html>";
  struct Opener {
    const char* name;
    std::string open;
    bool rest_is_raw;  // the rest of the page becomes the opener's raw content, never article text
  };
  const Opener openers[] = {
      {"<script>", "<script>var LEAK = 1;", true},
      {"<script> with an unclosed string", "<script>var s = \"LEAK", true},
      {"<script> with an unclosed <!--", "<script><!-- LEAK", true},
      {"<style>", "<style>p { LEAK: 1 }", true},
      {"<!--", "<!-- LEAK comment", true},
      {"<!-- with --!>-like junk", "<!-- LEAK --!- -", true},
      {"<![CDATA[", "<![CDATA[ LEAK", false},
      {"<textarea>", "<textarea>LEAK", false},
      {"<xmp>", "<xmp>LEAK", false},
      {"<plaintext>", "<plaintext>LEAK", false},
      {"<noscript>", "<noscript>LEAK", false},
      {"<iframe>", "<iframe>LEAK", true},
      {"<noembed>", "<noembed>LEAK", false},
      {"<template>", "<template>LEAK", false},
      {"<svg>", "<svg><text>LEAK", false},
      {"<math>", "<math><mi>LEAK", false},
      {"<select>", "<select><option>LEAK", false},
      {"a tag", "<div class=\"LEAK", true},
      {"<!DOCTYPE", "<!DOCTYPE html PUBLIC \"LEAK", false},
      {"<?", "<?xml LEAK", false},
  };
  const Extractor extractor;
  for (const Opener& opener : openers) {
    for (const bool with_rest : {false, true}) {
      const std::string html = start + opener.open + (with_rest ? rest : "");
      SCOPED_TRACE(std::string(opener.name) + (with_rest ? " followed by the rest of the page" : " at EOF"));
      const Result<Document> result = extractor.Extract(html);
      ASSERT_TRUE(result.ok()) << result.status().ToString();
      ExpectWellFormed(*result, html.size());
      ExpectMarkedWords(*result);
      if (opener.rest_is_raw) {
        EXPECT_FALSE(Contains(result->text, "LEAK")) << Head(result->text);
      }
    }
  }
}

TEST(RobustnessBroken, TitleNeverClosed) {
  // <title> is RCDATA: an unclosed one swallows the whole page. Any answer is fine as long as it is clean.
  const std::string html = "<!DOCTYPE html><html><head><title>Valley report</head><body><article>" +
                           std::string(kMarkedArticle) + "</article></body></html>";
  const Extractor extractor;
  for (const std::string& input :
       {html, html.substr(0, html.find("</head>")), std::string("<title>") + std::string(kMarkedArticle),
        std::string("<title>")}) {
    SCOPED_TRACE(Head(input));
    const Result<Document> result = extractor.Extract(input);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ExpectWellFormed(*result, input.size());
  }
  Options options;
  options.with_title = true;
  const Extractor with_title(options);
  const Result<Document> result = with_title.Extract(html);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result, html.size());
}

// -----------------------------------------------------------------------------------------------------------
// Huge attributes and text nodes.

TEST(RobustnessAttributes, MegabyteAttributeValues) {
  const std::string filler(1u << 20, 'q');
  std::string class_tokens;
  while (class_tokens.size() < (1u << 20))
    class_tokens += "content article nav x" + std::to_string(class_tokens.size()) + " ";
  const std::string body = "<div class=\"" + class_tokens + "\" id=\"" + filler + "\" style=\"" + filler +
                           "\">" + std::string(kMarkedArticle) + "<a href=\"https://example.com/" + filler +
                           "\" data-blob='" + filler + "'>link</a><span title=" + filler + ">x</span></div>";
  std::string html = ArticlePage(71, 1, body);
  html.insert(html.find("<head>") + 6, "<meta name=\"description\" content=\"" + filler +
                                           "\"><meta property=\"og:title\" content=\"" + filler + "\">");
  const std::string probe(64, 'q');

  const Extractor extractor;
  const Result<Document> result = ExtractOnSmallStack(extractor, html);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result, html.size());
  ExpectMarkedWords(*result);
  EXPECT_FALSE(Contains(result->text, probe)) << "attribute values leaked into the text";

  // Megabyte values where the library reads them for decoding and language: charset and lang.
  std::string odd = ArticlePage(72, 2, kMarkedArticle);
  odd.replace(odd.find("<meta charset=\"utf-8\">"), 22, "<meta charset=\"" + filler + "\">");
  odd.replace(odd.find("lang=\"en\""), 9, "lang=\"" + filler + "\"");
  const Result<Document> odd_result = ExtractOnSmallStack(extractor, odd);
  ASSERT_TRUE(odd_result.ok()) << odd_result.status().ToString();
  ExpectWellFormed(*odd_result, odd.size());
  ExpectMarkedWords(*odd_result);
  EXPECT_FALSE(Contains(odd_result->text, probe));
}

TEST(RobustnessAttributes, HundredThousandAttributes) {
  // Distinct names: Gumbo checks each new attribute against all earlier ones of the tag, so this is the
  // costly form (about 19 s in plain Gumbo 0.10.1 here); the pre-scan has to bound it.
  std::string many = "<div";
  for (int i = 0; i < 100000; ++i) many += " a" + std::to_string(i) + "=\"v\"";
  many += ">";
  const std::string html = ArticlePage(73, 1, many + std::string(kMarkedArticle) + "</div>");
  const Extractor extractor;
  const Result<Document> result = ExtractOnSmallStack(extractor, html);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result, html.size());
  ExpectMarkedWords(*result);

  // The same name 100 000 times: duplicates are dropped.
  const std::string same = ArticlePage(
      74, 1, "<div" + Repeat(" class=\"c\"", 100000) + ">" + std::string(kMarkedArticle) + "</div>");
  const Result<Document> same_result = ExtractOnSmallStack(extractor, same);
  ASSERT_TRUE(same_result.ok()) << same_result.status().ToString();
  ExpectWellFormed(*same_result, same.size());
  ExpectMarkedWords(*same_result);
}

TEST(RobustnessLongText, TenMegabyteTextNodesWithoutSpaces) {
  const Extractor extractor;
  struct Case {
    const char* name;
    std::string run;
  };
  const Case cases[] = {
      {"ASCII", std::string(10u << 20, 'x')},
      {"Devanagari", Repeat("\xE0\xA4\x95", (10u << 20) / 3)},  // क
      {"digits and punctuation", Repeat("1234567890.,;:-", (10u << 20) / 15)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string html = ArticlePage(81, 2, std::string(kMarkedArticle) + "<p>" + c.run + "</p>");
    const Result<Document> result = ExtractOnSmallStack(extractor, html);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    ExpectWellFormed(*result, html.size());
    EXPECT_FALSE(result->text.empty()) << result->stats.empty_reason;
  }
  // The whole body one word: no article words to look for, only a clean answer.
  const std::string alone = "<html><body><p>" + std::string(10u << 20, 'y') + "</p></body></html>";
  const Result<Document> result = ExtractOnSmallStack(extractor, alone);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result, alone.size());
}

// Plain text whose first line repeats 400 000 times: the guessed title is taken out wherever it stands before the
// first lines of the body, which once erased the repeats one by one (quadratic: 160 000 lines took 145 s).
TEST(RobustnessLongText, TitleRepeatedOverManyLines) {
  const Extractor extractor;
  const std::string body =
      "The expedition left Kilimanjaro before sunrise and walked for eleven hours across the dry plain.\n";
  const std::string text = Repeat("Report from the valley\n", 400000) + body;
  const Result<Document> result = extractor.CleanText(text);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ExpectWellFormed(*result, text.size());
  EXPECT_EQ(result->title, "Report from the valley");
  EXPECT_EQ(result->text, body);
}

// -----------------------------------------------------------------------------------------------------------
// Threads.

// Everything in a result that must not depend on which thread computed it (not the timings).
struct Snapshot {
  bool ok = false;
  StatusCode code = StatusCode::kOk;
  std::string text, title, language, url, empty_reason;
  std::size_t input_bytes = 0, parsed_bytes = 0, nodes = 0, pruned_subtrees = 0, candidates = 0, pass = 0;
  std::size_t lines_before_filter = 0, lines_after_filter = 0;
  bool depth_capped = false, invalid_utf8 = false;

  static Snapshot Of(const Result<Document>& result) {
    Snapshot s;
    s.ok = result.ok();
    s.code = result.status().code();
    if (!result.ok()) return s;
    const Document& d = *result;
    s.text = d.text, s.title = d.title, s.language = d.language, s.url = d.url;
    const Stats& st = d.stats;
    s.empty_reason = st.empty_reason, s.input_bytes = st.input_bytes, s.parsed_bytes = st.parsed_bytes;
    s.nodes = st.nodes, s.pruned_subtrees = st.pruned_subtrees, s.candidates = st.candidates, s.pass = st.pass;
    s.lines_before_filter = st.lines_before_filter, s.lines_after_filter = st.lines_after_filter;
    s.depth_capped = st.depth_capped, s.invalid_utf8 = st.invalid_utf8;
    return s;
  }

  // The first field that differs, or empty.
  std::string Diff(const Snapshot& o) const {
    if (ok != o.ok || code != o.code) return "status";
    if (text != o.text) return "text";
    if (title != o.title) return "title";
    if (language != o.language) return "language";
    if (url != o.url) return "url";
    if (empty_reason != o.empty_reason) return "empty_reason";
    if (input_bytes != o.input_bytes || parsed_bytes != o.parsed_bytes) return "stats bytes";
    if (nodes != o.nodes || pruned_subtrees != o.pruned_subtrees || candidates != o.candidates)
      return "stats nodes";
    if (pass != o.pass) return "stats pass";
    if (lines_before_filter != o.lines_before_filter || lines_after_filter != o.lines_after_filter) {
      return "stats lines";
    }
    if (depth_capped != o.depth_capped || invalid_utf8 != o.invalid_utf8) return "stats flags";
    return "";
  }
};

struct Page {
  std::string name, url, html;
};

std::vector<Page> VariedPages() {
  std::vector<Page> pages;
  pages.push_back({"english", "https://example.com/a", ArticlePage(91, 12, kMarkedArticle)});
  pages.push_back({"long english", "https://example.com/long", ArticlePage(92, 300)});
  Rng rng(93);
  std::string hindi =
      "<!DOCTYPE html><html lang=\"hi\"><head><meta "
      "charset=\"utf-8\"><title>\xE0\xA4\xAD\xE0\xA4\xBE\xE0\xA4\xB0"
      "\xE0\xA4\xA4 "
      "\xE0\xA4\xB8\xE0\xA4\xAE\xE0\xA4\xBE\xE0\xA4\x9A\xE0\xA4\xBE\xE0\xA4\xB0</title></head><body>";
  hindi += kNav;
  hindi += "<article>";
  for (int i = 0; i < 10; ++i) hindi += "<p>" + HindiProse(rng, 400) + "</p>";
  hindi += "</article></body></html>";
  pages.push_back({"hindi", "https://example.in/", hindi});
  pages.push_back(
      {"nav only", "", "<html><body><nav><a href=/>Home</a> <a href=/b>B</a></nav></body></html>"});
  pages.push_back({"empty", "", ""});
  std::string bad(kMarkedArticle);
  bad.insert(bad.find("Zanzibar"), "\xC0\xAF\xED\xA0\x80\xFF\xE2\x82");
  pages.push_back({"invalid utf-8", "https://example.com/bad", ArticlePage(94, 3, bad)});
  pages.push_back({"bom", "", "\xEF\xBB\xBF" + ArticlePage(95, 4)});
  const std::string tailed = TailedPage();
  pages.push_back({"truncated", "", tailed.substr(0, tailed.find("SCRIPTLEAK") + 3)});
  pages.push_back({"deep", "", "<html><body>" + Repeat("<div>", 3000) + "<p>" + std::string(kMarkedArticle)});
  pages.push_back({"binary", "", RandomBytes(96, 16u << 10)});
  return pages;
}

TEST(RobustnessThreads, SharedExtractorMatchesSingleThreadedRun) {
  const Extractor extractor;
  const std::vector<Page> pages = VariedPages();
  std::vector<Snapshot> expected;
  for (const Page& page : pages) expected.push_back(Snapshot::Of(extractor.Extract(page.html, page.url)));

  constexpr int kThreads = 8;
  constexpr int kRounds = 3;
  std::atomic<int> waiting{kThreads};
  std::vector<std::vector<std::string>> errors(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      waiting.fetch_sub(1);
      while (waiting.load() > 0) std::this_thread::yield();  // start together
      for (int round = 0; round < kRounds; ++round) {
        for (std::size_t k = 0; k < pages.size(); ++k) {
          const std::size_t i = (k + t + round) % pages.size();  // each thread in its own order
          const Snapshot got = Snapshot::Of(extractor.Extract(pages[i].html, pages[i].url));
          const std::string diff = got.Diff(expected[i]);
          if (!diff.empty()) errors[t].push_back(pages[i].name + ": " + diff);
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_TRUE(errors[t].empty()) << "thread " << t << " differs from the single-threaded run on "
                                   << errors[t].size() << " extractions, first: " << errors[t].front();
  }
  // The baseline itself is sane.
  for (std::size_t i = 0; i < pages.size(); ++i) {
    SCOPED_TRACE(pages[i].name);
    if (pages[i].name == "binary") continue;
    EXPECT_TRUE(expected[i].ok);
    EXPECT_EQ(expected[i].url, pages[i].url);
  }
}

TEST(RobustnessThreads, SharedExtractorOnTheSamePage) {
  const Extractor extractor;
  const std::string html = ArticlePage(97, 200, kMarkedArticle);
  const Snapshot expected = Snapshot::Of(extractor.Extract(html));
  ASSERT_TRUE(expected.ok);
  ASSERT_TRUE(Contains(expected.text, "Zanzibar"));

  constexpr int kThreads = 8;
  constexpr int kRepeats = 6;
  std::atomic<int> waiting{kThreads};
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::string> first_diff(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      waiting.fetch_sub(1);
      while (waiting.load() > 0) std::this_thread::yield();
      for (int r = 0; r < kRepeats; ++r) {
        const std::string diff = Snapshot::Of(extractor.Extract(html)).Diff(expected);
        if (!diff.empty() && mismatches[t]++ == 0) first_diff[t] = diff;
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) {
    EXPECT_EQ(mismatches[t], 0) << "thread " << t << ", first difference: " << first_diff[t];
  }
}

TEST(RobustnessThreads, ManySmallStackThreadsOnDeepPages) {
  // Worker threads with small stacks, all at once, on the pages that would recurse deepest.
  const Extractor extractor;
  const std::string html =
      "<html><body>" + Repeat("<div><b>", 20000) + "<article>" + std::string(kMarkedArticle);
  const Snapshot expected = Snapshot::Of(extractor.Extract(html));
  ASSERT_TRUE(expected.ok);
  constexpr int kThreads = 8;
  std::vector<Snapshot> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back(
        [&, t] { RunOnStack(kSmallStack, [&] { got[t] = Snapshot::Of(extractor.Extract(html)); }); });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(got[t].Diff(expected), "") << "thread " << t;
  EXPECT_TRUE(expected.depth_capped);
  EXPECT_TRUE(Contains(expected.text, "Serengeti"));
}


// --- Hostile input with every extra on (formatting, links, images, comments): inline markup must not multiply
// memory, and the label clean-up must stay linear on long link lists.

Options EveryExtra() {
  Options o;
  o.include_formatting = o.include_links = o.include_images = o.include_comments = true;
  return o;
}

size_t SpanCount(const Document& doc) {
  size_t n = 0;
  for (const Block& b : doc.blocks) n += b.spans.size();
  return n;
}

TEST(RobustnessMarkup, NestedEmphasisOverManyLineBreaksStaysSmall) {
  // 390 nested <b> around 20 000 <br>: each line carries one strong span, not 390.
  std::string html = "<html><body><article><p>" + std::string(200, 'x') + " start.</p><p>";
  for (int i = 0; i < 390; ++i) html += "<b>";
  for (int i = 0; i < 20000; ++i) html += "word " + std::to_string(i) + " of the text here.<br>";
  html += "</p></article></body></html>";
  const Extractor extractor(EveryExtra());
  auto doc = extractor.Extract(html);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_GE(doc->blocks.size(), 20000u);
  EXPECT_LE(SpanCount(doc.value()), doc->blocks.size() + 10) << "one strong span per line at most";
}

TEST(RobustnessMarkup, ALongLinkOverManyLineBreaksIsCut) {
  // One link with a 2000-byte href around 50 000 lines: the link goes on over a few lines, not all of them.
  std::string html = "<html><body><article><p><a href='/" + std::string(2000, 'h') + "'>";
  for (int i = 0; i < 50000; ++i) html += "line " + std::to_string(i) + " of a long linked text.<br>";
  html += "</a></p></article></body></html>";
  const Extractor extractor(EveryExtra());
  auto doc = extractor.Extract(html);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_LE(SpanCount(doc.value()), 10u);
}

TEST(RobustnessMarkup, ForbiddenSchemesNeverReachTheOutput) {
  const std::string html =
      "<html><body><article><p>" + std::string(300, 'y') + " <a href='java&#x09;script:alert(1)'>a</a> "
      "<a href='JAVASCRIPT:alert(2)'>b</a> <a href='vbscript:x'>c</a> <a href='data:text/html,x'>d</a> "
      "<a href='&#x01;javascript:alert(4)'>g</a> <a href='&#x1F;vbscript:x'>h</a> <a href=' &#x0B;javascript:x'>i</a> "
      "<a href='https://ok.example/'>e</a> <a href='mailto:x@ok.example'>f</a></p>"
      "<img src='javascript:alert(3)' alt='x'><img src='/ok.jpg' alt='ok'></article></body></html>";
  const Extractor extractor(EveryExtra());
  auto doc = extractor.Extract(html, "https://site.example/a/");
  ASSERT_TRUE(doc.ok());
  std::vector<std::string> targets;
  for (const Block& b : doc->blocks) {
    for (const Span& sp : b.spans) targets.push_back(sp.href);
    if (b.kind == Block::Kind::kImage) targets.push_back(b.src);
  }
  EXPECT_EQ(targets, (std::vector<std::string>{"https://ok.example/", "mailto:x@ok.example",
                                               "https://site.example/ok.jpg"}));
}

TEST(RobustnessMarkup, ManyLeadsBeforeALongBody) {
  // 20 000 elements named like a lead before 40 000 paragraphs: each lead was looked for in the whole body's
  // text (quadratic: about 10 s here, 47 s at twice the leads and body), now in its first 4 KB.
  std::string html = "<html><body><article><div>";
  for (int i = 0; i < 20000; ++i)
    html += "<div class='summary'>This is summary number " + std::to_string(i) + " of the list</div>";
  html += "</div><div class='body'>";
  for (int i = 0; i < 40000; ++i)
    html += "<p>The council, the mayor and the schools all agree on item " + std::to_string(i) + ", they said.</p>";
  html += "</div></article></body></html>";
  const Extractor extractor;
  auto doc = extractor.Extract(html);
  ASSERT_TRUE(doc.ok());
  EXPECT_NE(doc->text.find("agree on item 39999,"), std::string::npos);
}

TEST(RobustnessMarkup, NestedSlugNamedElementsAroundALongHeading) {
  // 190 nested <div id="one-two-three-four-five"><h2> around 4 MB of text: each level read its heading's whole
  // text to compare it with the id (190 x 4 MB); a text that spells the id is now read only as far as it could.
  std::string html = "<html><body>";
  for (int i = 0; i < 190; ++i) html += "<div id='one-two-three-four-five'><h2>";
  for (int i = 0; i < 100000; ++i) html += "words of a very long heading that goes on ";
  html += "</body></html>";
  const Extractor extractor;
  auto doc = extractor.Extract(html);
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
}

TEST(RobustnessMarkup, LongListsOfLinkParagraphs) {
  // 40 000 <p><a> after the article: every one is a possible label followed by links (this was quadratic).
  std::string html = "<html><body><article><p>" + std::string(400, 'z') + " the article.</p>";
  for (int i = 0; i < 40000; ++i) html += "<p><a href='/x" + std::to_string(i) + "'>Story headline " + std::to_string(i) + "</a></p>";
  html += "</article></body></html>";
  const Extractor extractor(EveryExtra());
  auto doc = extractor.Extract(html);
  ASSERT_TRUE(doc.ok());
  EXPECT_FALSE(doc->text.empty());
}

}  // namespace
}  // namespace cleaner
