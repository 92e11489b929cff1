// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#include "cleaner/language.h"

#include <cld2/internal/lang_script.h>
#include <cld2/public/compact_lang_det.h>
#include <unicode/uloc.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <array>
#include <cstring>

#include "cleaner/text.h"

namespace cleaner {
namespace {

// Fewer letters than this say nothing reliable about the language.
constexpr int kMinLetters = 20;
constexpr size_t kSampleBytes = 16 * 1024;

std::string Cld2Language(std::string_view text) {
  bool reliable = false;
  CLD2::Language lang = CLD2::DetectLanguage(text.data(), static_cast<int>(text.size()), /*is_plain_text=*/true,
                                             &reliable);
  if (!reliable || lang == CLD2::UNKNOWN_LANGUAGE) return {};
  const char* code = CLD2::LanguageCode(lang);
  if (code == nullptr) return {};
  std::string out(code);
  size_t dash = out.find('-');
  if (dash != std::string::npos) out.resize(dash);  // "zh-Hant" -> "zh"
  return out;
}

// `text` cut to kSampleBytes at a code point boundary.
std::string_view Sample(std::string_view text) {
  if (text.size() <= kSampleBytes) return text;
  size_t cut = kSampleBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // a code point boundary
  return text.substr(0, cut);
}

// Letters of `text` per script (common and inherited characters, digits and punctuation, not counted).
struct ScriptCounts {
  std::array<int, USCRIPT_CODE_LIMIT> counts{};
  int letters = 0;
  int best = 0;  // the script with the most letters
};

ScriptCounts CountScripts(std::string_view text) {
  ScriptCounts sc;
  const auto* p = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) continue;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(c, &status);
    if (U_FAILURE(status) || script <= USCRIPT_INHERITED || script >= USCRIPT_CODE_LIMIT) continue;
    ++sc.counts[script];
    ++sc.letters;
  }
  for (int s = 1; s < USCRIPT_CODE_LIMIT; ++s)
    if (sc.counts[s] > sc.counts[sc.best]) sc.best = s;
  return sc;
}

}  // namespace

bool ScriptContradicts(std::string_view language, std::string_view text) {
  const ScriptCounts sc = CountScripts(Sample(text));
  if (sc.letters < kMinLetters || 2 * sc.counts[sc.best] < sc.letters) return false;  // too short or mixed
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode codes[8];
  const std::string tag(language);
  const int32_t found = uscript_getCode(tag.c_str(), codes, 8, &status);
  if (U_FAILURE(status) || found <= 0) return false;  // a language ICU cannot place
  for (int32_t k = 0; k < found; ++k) {
    if (codes[k] == sc.best) return false;
    // Japanese is written in kana and kanji, Korean in Hangul and hanja: ICU names them JPAN and KORE.
    if (codes[k] == USCRIPT_JAPANESE &&
        (sc.best == USCRIPT_HAN || sc.best == USCRIPT_HIRAGANA || sc.best == USCRIPT_KATAKANA))
      return false;
    if (codes[k] == USCRIPT_KOREAN && (sc.best == USCRIPT_HAN || sc.best == USCRIPT_HANGUL)) return false;
    if ((codes[k] == USCRIPT_SIMPLIFIED_HAN || codes[k] == USCRIPT_TRADITIONAL_HAN) && sc.best == USCRIPT_HAN)
      return false;
  }
  return true;
}

std::string GuessLanguage(std::string_view text) {
  text = Sample(text);
  const ScriptCounts sc = CountScripts(text);
  const auto& counts = sc.counts;
  const int letters = sc.letters;
  if (letters < kMinLetters) return {};
  const int best = sc.best;
  // Kana in more than 1 in 20 letters means Japanese, even in text that is mostly kanji (a Chinese text may
  // quote a Japanese name or two).
  const int kana = counts[USCRIPT_HIRAGANA] + counts[USCRIPT_KATAKANA];
  if (kana * 20 > letters) return "ja";
  switch (best) {
    case USCRIPT_HAN: return "zh";
    case USCRIPT_HANGUL: return "ko";
    case USCRIPT_THAI: return "th";
    case USCRIPT_GREEK: return "el";
    case USCRIPT_HEBREW: return "he";
    case USCRIPT_GEORGIAN: return "ka";
    case USCRIPT_ARMENIAN: return "hy";
    case USCRIPT_BENGALI: return "bn";
    case USCRIPT_TAMIL: return "ta";
    case USCRIPT_TELUGU: return "te";
    case USCRIPT_GUJARATI: return "gu";
    case USCRIPT_GURMUKHI: return "pa";
    case USCRIPT_DEVANAGARI: {
      // Hindi, Marathi and Nepali share the script; CLD2 tells them apart on longer texts.
      std::string lang = Cld2Language(text);
      return lang == "mr" || lang == "ne" ? lang : "hi";
    }
    case USCRIPT_ARABIC: {
      std::string lang = Cld2Language(text);
      return lang.empty() ? "ar" : lang;
    }
    case USCRIPT_CYRILLIC: {
      std::string lang = Cld2Language(text);
      return lang.empty() ? "ru" : lang;
    }
    default:  // Latin and the rest: only CLD2 can say which language
      return Cld2Language(text);
  }
}

std::string PrimaryLanguage(std::string_view tag) {
  std::string out;
  for (char c : Trim(tag)) {
    if (c == '-' || c == '_') break;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c < 'a' || c > 'z') return {};
    out.push_back(c);
  }
  if (out.size() < 2 || out.size() > 3) return {};
  // In ICU's canonical form, which rule files are named by: "eng" and "deu" are "en" and "de"; "und" (undetermined)
  // is nothing. The codes for no language, many and missing ones say nothing either, and the retired codes of
  // Hebrew, Indonesian and Yiddish are their current ones.
  char canonical[16];
  UErrorCode status = U_ZERO_ERROR;
  const int32_t length = uloc_canonicalize(out.c_str(), canonical, sizeof canonical, &status);
  if (U_FAILURE(status) || length <= 0 || length >= static_cast<int32_t>(sizeof canonical)) return {};
  out.assign(canonical, static_cast<size_t>(length));
  if (out == "zxx" || out == "mul" || out == "mis") return {};
  if (out == "iw") out = "he";
  if (out == "in") out = "id";
  if (out == "ji") out = "yi";
  // A language ICU knows (ISO 639: 595 codes, 413 of three letters), not just any letters: sites declare their
  // charset as their language (fundus's cn-People: Content-Language "utf-8").
  for (const char* const* code = uloc_getISOLanguages(); *code != nullptr; ++code)
    if (out == *code) return out;
  return *uloc_getISO3Language(out.c_str()) != '\0' ? out : std::string();
}

}  // namespace cleaner
