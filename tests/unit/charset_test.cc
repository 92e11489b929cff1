// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Charset decoding without a network: WHATWG labels, the <meta> prescan, the order of the rules, detection of
// undeclared pages in every charset of issue 4, and robustness on garbage. The pages are built from the
// paragraphs in tests/data/charset/ (UTF-8), encoded with ICU into each charset.

#include "cleaner/charset.h"

#include <unicode/ucnv.h>

#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "cleaner/cleaner.h"
#include "cleaner/fetcher.h"
#include "gtest/gtest.h"

namespace cleaner {
namespace {

std::string Paragraph(const std::string& language) {
  std::ifstream in(std::string(CLEANER_SOURCE_DIR) + "/tests/data/charset/" + language + ".txt");
  std::stringstream s;
  s << in.rdbuf();
  std::string text = s.str();
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

// `utf8` in charset `icu`; fails the test if any character has no mapping there (the test would be wrong).
std::string Encode(std::string_view utf8, const char* icu) {
  UErrorCode ec = U_ZERO_ERROR;
  UConverter* from = ucnv_open("UTF-8", &ec);
  UConverter* to = ucnv_open(icu, &ec);
  ucnv_setFromUCallBack(to, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &ec);
  std::string out(utf8.size() * 4 + 16, '\0');
  char* target = out.data();
  const char* source = utf8.data();
  UChar pivot[1024];
  UChar *ps = pivot, *pt = pivot;
  ucnv_convertEx(to, from, &target, out.data() + out.size(), &source, utf8.data() + utf8.size(), pivot, &ps,
                 &pt, pivot + 1024, true, true, &ec);
  EXPECT_TRUE(U_SUCCESS(ec)) << icu << ": " << u_errorName(ec);
  out.resize(static_cast<size_t>(target - out.data()));
  ucnv_close(from);
  ucnv_close(to);
  return out;
}

std::string Page(const std::string& text, const std::string& head_extra = "") {
  return "<!DOCTYPE html>\n<html><head>" + head_extra + "<title>Test</title></head>\n<body><article><p>" +
         text + "</p></article></body></html>\n";
}

struct CharsetCase {
  const char* language;
  const char* icu;       // the encoder
  const char* label;     // how the page declares it
  const char* expected;  // the WHATWG name DecodeHtml reports
};

// Every charset issue 4 names, plus KOI8-R and ISO-2022-JP. The expected name is the WHATWG one: GB18030 text
// declared as gb18030 is "gb18030", Big5 is decoded as Big5-HKSCS (a superset) and reported as "big5".
const CharsetCase kCases[] = {
    {"ru", "windows-1251", "windows-1251", "windows-1251"},
    {"ru", "KOI8-R", "koi8-r", "koi8-r"},
    {"fr", "windows-1252", "windows-1252", "windows-1252"},
    {"de", "windows-1252", "iso-8859-1", "windows-1252"},
    {"pl", "ISO-8859-2", "iso-8859-2", "iso-8859-2"},
    {"cs", "ISO-8859-2", "latin2", "iso-8859-2"},
    {"el", "ISO-8859-7", "iso-8859-7", "iso-8859-7"},
    {"ja", "Shift_JIS", "shift_jis", "shift_jis"},
    {"ja", "EUC-JP", "euc-jp", "euc-jp"},
    {"ja", "ISO-2022-JP", "iso-2022-jp", "iso-2022-jp"},
    {"zh-hans", "GB18030", "gb18030", "gb18030"},
    {"zh-hans", "GBK", "gb2312", "gbk"},
    {"zh-hant", "Big5", "big5", "big5"},
    {"ko", "EUC-KR", "euc-kr", "euc-kr"},
};

TEST(CharsetLabels, WhatwgLabelsMapToTheStandardsEncodings) {
  struct {
    const char* label;
    const char* name;
  } cases[] = {{" Latin1 ", "windows-1252"},
               {"ascii", "windows-1252"},
               {"US-ASCII", "windows-1252"},
               {"iso-8859-1", "windows-1252"},
               {"iso-8859-9", "windows-1254"},
               {"tis-620", "windows-874"},
               {"GB2312", "gbk"},
               {"x-sjis", "shift_jis"},
               {"ks_c_5601-1987", "euc-kr"},
               {"utf-16", "utf-16le"},
               {"UTF8", "utf-8"},
               {"cp1251", "windows-1251"},
               {"koi8_r", "koi8-r"},
               {"x-user-defined", "windows-1252"},
               // Labels where the table's strings are split over lines.
               {"iso_8859-1", "windows-1252"},
               {"windows-1254", "windows-1254"},
               {"iso-ir-127", "iso-8859-6"},
               {"iso_8859-7:1987", "iso-8859-7"},
               {"iso_8859-8:1988", "iso-8859-8"},
               {"windows-949", "euc-kr"}};
  for (const auto& c : cases) {
    auto enc = charset::EncodingForLabel(c.label);
    ASSERT_TRUE(enc.has_value()) << c.label;
    EXPECT_EQ(enc->name, c.name) << c.label;
  }
}

TEST(CharsetLabels, IcuAliasesAcceptOnlyAsciiCompatibleCharsets) {
  auto cp850 = charset::EncodingForLabel("cp850");  // not a WHATWG label, but ICU knows it
  ASSERT_TRUE(cp850.has_value());
  EXPECT_EQ(cp850->name, "ibm850");
  // EBCDIC, UTF-7 and UTF-32 cannot be the charset of a page whose markup was read as ASCII.
  for (const char* label : {"ibm037", "ebcdic-cp-us", "utf-7", "utf-32", "", "bogus", "utf-8\x01"}) {
    EXPECT_FALSE(charset::EncodingForLabel(label).has_value()) << label;
  }
}

TEST(CharsetLabels, ContentTypeParameters) {
  EXPECT_EQ(charset::CharsetParameter("text/html; charset=\"UTF-8\""), "UTF-8");
  EXPECT_EQ(charset::CharsetParameter("text/html;charset=koi8-r;format=flowed"), "koi8-r");
  EXPECT_EQ(charset::CharsetParameter("text/html; Charset = windows-1251 "), "windows-1251");
  EXPECT_EQ(charset::CharsetParameter("text/html"), "");
  EXPECT_EQ(charset::CharsetParameter(""), "");
  EXPECT_EQ(charset::MimeEssence(" Text/HTML ; charset=utf-8"), "text/html");
}

std::string MetaName(std::string_view html) {
  auto enc = charset::PrescanMeta(html);
  return enc ? enc->name : "none";
}

TEST(CharsetPrescan, FollowsTheHtmlStandard) {
  EXPECT_EQ(MetaName("<meta charset=\"windows-1251\">"), "windows-1251");
  EXPECT_EQ(MetaName("<META CHARSET=ISO-8859-2>"), "iso-8859-2");
  EXPECT_EQ(MetaName("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">"),
            "shift_jis");
  EXPECT_EQ(MetaName("<meta content='text/html; charset=gbk' http-equiv='content-type'>"), "gbk");
  EXPECT_EQ(MetaName("<meta/charset=euc-kr>"), "euc-kr");
  // content= without http-equiv=Content-Type is not a declaration.
  EXPECT_EQ(MetaName("<meta content=\"text/html; charset=koi8-r\">"), "none");
  EXPECT_EQ(MetaName("<meta name=description content=\"charset=koi8-r\">"), "none");
  // Comments and other tags' attribute values are skipped.
  EXPECT_EQ(MetaName("<!-- <meta charset=\"koi8-r\"> --><meta charset=utf-8>"), "utf-8");
  EXPECT_EQ(MetaName("<div title='<meta charset=\"koi8-r\">'><meta charset=\"euc-jp\">"), "euc-jp");
  EXPECT_EQ(MetaName("<metadata charset=koi8-r><meta charset=big5>"), "big5");
  // An unknown label is passed over; the next meta counts.
  EXPECT_EQ(MetaName("<meta charset=\"bogus\"><meta charset=\"big5\">"), "big5");
  // The standard's fix-ups: UTF-16 in a meta that could be read as ASCII means UTF-8.
  EXPECT_EQ(MetaName("<meta charset=\"utf-16\">"), "utf-8");
  EXPECT_EQ(MetaName("<meta charset=x-user-defined>"), "windows-1252");
  // Only the first 1024 bytes are looked at.
  EXPECT_EQ(MetaName("<html>" + std::string(1100, ' ') + "<meta charset=koi8-r>"), "none");
  EXPECT_EQ(MetaName("<meta charset=\"koi8-r"), "none");  // unterminated: the input ends inside the tag
}

TEST(CharsetSniff, BinaryFormatsByTheirMagicBytes) {
  EXPECT_EQ(charset::SniffBinaryFormat("%PDF-1.7\n%\xE2\xE3"), "PDF document");
  EXPECT_EQ(charset::SniffBinaryFormat("\x89PNG\r\n\x1a\n...."), "PNG image");
  EXPECT_EQ(charset::SniffBinaryFormat("GIF89a...."), "GIF image");
  EXPECT_EQ(charset::SniffBinaryFormat("\xFF\xD8\xFF\xE0...."), "JPEG image");
  EXPECT_EQ(charset::SniffBinaryFormat(std::string_view("\x1F\x8B\x08\x00", 4)), "gzip data");
  EXPECT_FALSE(charset::SniffBinaryFormat("PK\x03\x04....").empty());
  EXPECT_EQ(charset::SniffBinaryFormat("<!DOCTYPE html><html>"), "");
  EXPECT_EQ(charset::SniffBinaryFormat(""), "");
  EXPECT_EQ(charset::SniffBinaryFormat("RIFF"), "");  // shorter than the magic it starts
}

// Decoding: every charset, declared by header, by meta, and not at all.

void ExpectDecoded(const Result<DecodedHtml>& r, const std::string& text, const char* charset,
                   CharsetSource source, const std::string& what) {
  ASSERT_TRUE(r.ok()) << what;
  EXPECT_NE(r->utf8.find(text), std::string::npos) << what << ": decoded as " << r->charset << "\n"
                                                   << r->utf8;
  EXPECT_EQ(r->charset, charset) << what;
  EXPECT_EQ(CharsetSourceName(r->source), CharsetSourceName(source)) << what;
  EXPECT_FALSE(r->replaced) << what;
}

TEST(CharsetDecode, DeclaredByHeader) {
  for (const CharsetCase& c : kCases) {
    std::string text = Paragraph(c.language);
    std::string bytes = Encode(Page(text), c.icu);
    ExpectDecoded(DecodeHtml(bytes, std::string("text/html; charset=") + c.label), text, c.expected,
                  CharsetSource::kHeader, std::string(c.icu) + " by header");
  }
}

TEST(CharsetDecode, DeclaredByMeta) {
  for (const CharsetCase& c : kCases) {
    std::string text = Paragraph(c.language);
    std::string bytes = Encode(Page(text, std::string("<meta charset=\"") + c.label + "\">"), c.icu);
    ExpectDecoded(DecodeHtml(bytes, "text/html"), text, c.expected, CharsetSource::kMeta,
                  std::string(c.icu) + " by meta");
    std::string pragma =
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=" + std::string(c.label) + "\">";
    ExpectDecoded(DecodeHtml(Encode(Page(text, pragma), c.icu)), text, c.expected, CharsetSource::kMeta,
                  std::string(c.icu) + " by http-equiv");
  }
}

// A <meta> after the first 1024 bytes, behind a long script, still declares the page (browsers start again with
// it): ICU's detector cannot stand in for it on Thai, for which it has no detector (it guessed EUC-KR).
TEST(CharsetDecode, DeclaredByALateMetaInTheHead) {
  const std::string text = Paragraph("th");
  const std::string script = "<script>var config = {" + std::string(1200, ' ') + "};</script>";
  const std::string bytes = Encode(Page(text, script + "<meta charset=\"tis-620\">"), "windows-874");
  ExpectDecoded(DecodeHtml(bytes, "text/html"), text, "windows-874", CharsetSource::kMeta, "late meta");
  // Not from the body (after the first 1024 bytes, where the standard's prescan looks): a <meta> there is a
  // quoted example, not the page's charset.
  std::string body;
  for (int i = 0; i < 4; ++i) body += "<p>" + text + "</p>";
  const std::string in_body = Encode(
      "<html><head><title>T</title></head><body>" + body + "<meta charset=\"koi8-r\"></body></html>", "windows-874");
  const Result<DecodedHtml> r = DecodeHtml(in_body, "text/html");
  ASSERT_TRUE(r.ok());
  EXPECT_NE(r->charset, "koi8-r");
}

// Undeclared pages need ICU's detector. On these 130-500 character paragraphs it names every charset right,
// with two reports that differ from the declared name but decode the same bytes identically: GBK text is
// reported as gb18030 (its superset) and windows-1252 text as windows-1252 whether it was labelled latin1.
TEST(CharsetDecode, UndeclaredPagesAreDetected) {
  for (const CharsetCase& c : kCases) {
    std::string text = Paragraph(c.language);
    std::string bytes = Encode(Page(text), c.icu);
    std::string expected = c.expected == std::string("gbk") ? "gb18030" : c.expected;
    ExpectDecoded(DecodeHtml(bytes), text, expected.c_str(), CharsetSource::kDetected,
                  std::string(c.icu) + " undeclared");
  }
}

// Detection cannot separate charsets that put the same letters at the same byte values: a page of Polish
// with no letter that differs between ISO-8859-2 and windows-1250 is both. What it must not do is pick a
// charset that garbles the text; a windows-1250 page with Polish letters at its own positions is detected.
TEST(CharsetDecode, Windows1250AndIso88592AreToldApartByTheirLetters) {
  std::string text = Paragraph("pl");
  auto r = DecodeHtml(Encode(Page(text), "windows-1250"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->charset, "windows-1250");
  EXPECT_NE(r->utf8.find(text), std::string::npos);
}

TEST(CharsetDecode, Utf16ByBomAndByItsNulBytes) {
  for (const char* language : {"ja", "ru", "fr"}) {
    std::string text = Paragraph(language);
    for (bool le : {true, false}) {
      std::string bytes = Encode(Page(text), le ? "UTF-16LE" : "UTF-16BE");
      const char* name = le ? "utf-16le" : "utf-16be";
      ExpectDecoded(DecodeHtml((le ? "\xFF\xFE" : "\xFE\xFF") + bytes), text, name, CharsetSource::kBom,
                    std::string(name) + " with BOM");
      // The BOM wins over a header that says otherwise.
      ExpectDecoded(DecodeHtml((le ? "\xFF\xFE" : "\xFE\xFF") + bytes, "text/html; charset=windows-1252"),
                    text, name, CharsetSource::kBom, std::string(name) + " with BOM and a wrong header");
      ExpectDecoded(DecodeHtml(bytes), text, name, CharsetSource::kDetected,
                    std::string(name) + " undeclared");
      ExpectDecoded(DecodeHtml(bytes, std::string("text/html; charset=") + name), text, name,
                    CharsetSource::kHeader, std::string(name) + " by header");
      // A meta in UTF-16 is unreadable to the prescan (NULs between its letters): the NULs decide.
      ExpectDecoded(DecodeHtml(Encode(Page(text, "<meta charset=\"utf-16\">"), le ? "UTF-16LE" : "UTF-16BE")),
                    text, name, CharsetSource::kDetected, std::string(name) + " with a meta");
    }
  }
}

// A declared UTF-16 body with too few ASCII units for Utf16ByNuls (text in Chinese, Japanese or Korean with
// little markup) is decoded as declared: it came out as windows-1252 mojibake (from review). Must not fire: a
// page in UTF-8 or ASCII that a server mislabels UTF-16, whose byte pairs are mostly printable ASCII.
TEST(CharsetDecode, DeclaredUtf16WithFewAsciiUnits) {
  for (const char* language : {"zh-hans", "ja", "ko"}) {
    std::string text = Paragraph(language);
    for (int k = 0; k < 3; ++k) text += text;  // the markup under 10% of the units
    const std::string page = "<p>" + text + "</p>";
    for (bool le : {true, false}) {
      const char* name = le ? "utf-16le" : "utf-16be";
      ExpectDecoded(DecodeHtml(Encode(page, le ? "UTF-16LE" : "UTF-16BE"), std::string("text/html; charset=") + name),
                    text, name, CharsetSource::kHeader, std::string(language) + " " + name);
    }
    EXPECT_EQ(DecodeHtml(page, "text/html; charset=utf-16")->charset, "utf-8") << language;
  }
  EXPECT_EQ(DecodeHtml(Page(std::string(600, 'a')), "text/html; charset=utf-16le")->charset, "utf-8");
  EXPECT_EQ(DecodeHtml(Encode(Page(Paragraph("fr")), "windows-1252"), "text/html; charset=utf-16")->charset,
            "windows-1252");
}

// UTF-32 is no web charset (the standard reads "FF FE 00 00" as UTF-16 and a NUL), but a file saved so comes out
// as its text, found by its byte order mark or its NULs; before, it came out as U+FFFD between every character.
TEST(CharsetDecode, Utf32ByBomAndByItsNulBytes) {
  Extractor extractor;
  for (const char* language : {"ja", "ru", "fr"}) {
    const std::string text = Paragraph(language);
    for (bool le : {true, false}) {
      const std::string bytes = Encode(Page(text), le ? "UTF-32LE" : "UTF-32BE");
      const std::string bom = le ? std::string("\xFF\xFE\0\0", 4) : std::string("\0\0\xFE\xFF", 4);
      const char* name = le ? "utf-32le" : "utf-32be";
      ExpectDecoded(DecodeHtml(bom + bytes), text, name, CharsetSource::kBom, std::string(name) + " with BOM");
      ExpectDecoded(DecodeHtml(bytes), text, name, CharsetSource::kDetected, std::string(name) + " undeclared");
      for (const std::string& file : {bom + bytes, bytes}) {
        auto doc = extractor.Extract(file);
        ASSERT_TRUE(doc.ok()) << name << ": " << doc.status().ToString();
        EXPECT_EQ(doc->text, text + "\n") << name;
      }
    }
  }
  // UTF-16 is not taken for UTF-32, nor is a binary format with NULs.
  const std::string utf16 = Encode(Page(Paragraph("fr")), "UTF-16LE");
  EXPECT_EQ(DecodeHtml(utf16)->charset, "utf-16le");
  std::string ico("\0\0\1\0", 4);
  for (int i = 0; i < 64; ++i) ico += std::string("a\0\0\0", 4);
  EXPECT_NE(DecodeHtml(ico)->charset.substr(0, 6), "utf-32");
}

TEST(CharsetDecode, Utf8IsPassedThroughUnchanged) {
  std::string page = Page(Paragraph("ru") + " " + Paragraph("ja"));
  auto r = DecodeHtml(page);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, page);
  EXPECT_EQ(r->charset, "utf-8");
  EXPECT_EQ(r->source, CharsetSource::kUtf8);
  // Decoding again changes nothing: the pipeline may decode what the fetcher decoded.
  EXPECT_EQ(DecodeHtml(r->utf8)->utf8, page);
  // A UTF-8 page that declares another charset (a stale meta, an old server default) stays UTF-8.
  std::string mislabelled = Page(Paragraph("ru"), "<meta charset=\"windows-1251\">");
  r = DecodeHtml(mislabelled, "text/html; charset=iso-8859-1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, mislabelled);
  EXPECT_EQ(r->source, CharsetSource::kUtf8);
  // Declared UTF-8 that is valid reports the declaration.
  EXPECT_EQ(DecodeHtml(page, "text/html; charset=utf-8")->source, CharsetSource::kHeader);
  // A UTF-8 BOM is dropped.
  r = DecodeHtml("\xEF\xBB\xBF" + page);
  EXPECT_EQ(r->utf8, page);
  EXPECT_EQ(r->source, CharsetSource::kBom);
}

TEST(CharsetDecode, AsciiPagesKeepTheirDeclaration) {
  std::string page = Page("Plain English text.", "<meta charset=\"windows-1251\">");
  auto r = DecodeHtml(page);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, page);
  EXPECT_EQ(r->charset, "windows-1251");
  EXPECT_EQ(r->source, CharsetSource::kMeta);
  r = DecodeHtml(Page("Plain English text."));
  EXPECT_EQ(r->charset, "utf-8");
}

TEST(CharsetDecode, NearlyValidUtf8StaysUtf8WithReplacements) {
  // One Latin-1 byte pasted into a UTF-8 page: the page is UTF-8 with one replacement, not windows-1252.
  std::string text = Paragraph("ru");
  std::string page = Page(text + " caf\xE9 " + text);
  auto r = DecodeHtml(page, "text/html; charset=windows-1251");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->charset, "utf-8");
  EXPECT_TRUE(r->replaced);
  EXPECT_NE(r->utf8.find(text + " caf\xEF\xBF\xBD " + text), std::string::npos);
}

TEST(CharsetDecode, DeclaredUtf8ThatIsNotIsDetected) {
  std::string text = Paragraph("ru");
  auto r = DecodeHtml(Encode(Page(text, "<meta charset=\"utf-8\">"), "windows-1251"));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->charset, "windows-1251");
  EXPECT_EQ(r->source, CharsetSource::kDetected);
  EXPECT_NE(r->utf8.find(text), std::string::npos);
}

TEST(CharsetDecode, HeaderWinsOverMeta) {
  std::string text = Paragraph("ru");
  auto r = DecodeHtml(Encode(Page(text, "<meta charset=\"windows-1251\">"), "KOI8-R"),
                      "text/html; charset=KOI8-R");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->charset, "koi8-r");
  EXPECT_NE(r->utf8.find(text), std::string::npos);
}

TEST(CharsetDecode, UndecodableBytesBecomeReplacementCharacters) {
  // A Shift_JIS page cut in the middle of a character, and bytes that Shift_JIS does not map.
  std::string bytes = Encode(Page(Paragraph("ja")), "Shift_JIS");
  std::string cut = bytes.substr(0, bytes.find("</p>") - 1);
  auto r = DecodeHtml(cut + "\x85\x40\xFF", "text/html; charset=shift_jis");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->replaced);
  EXPECT_NE(r->utf8.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_TRUE(charset::ScanUtf8(r->utf8).valid());
  // Single-byte charsets with unmapped bytes (0xFF in ISO-8859-7) give U+FFFD, not ICU's U+001A.
  r = DecodeHtml(std::string("<p>a\xFFz</p>"), "text/html; charset=iso-8859-7");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->utf8, "<p>a\xEF\xBF\xBDz</p>");
  EXPECT_TRUE(r->replaced);
}

TEST(CharsetDecode, GarbageNeverBreaksIt) {
  // Random bytes under every label, and undeclared: the output is always valid UTF-8. Bounded: 40 inputs of
  // up to 3000 bytes per label.
  std::mt19937 rng(42);
  std::vector<std::string> labels = {"",         "utf-8",       "shift_jis",    "euc-jp",
                                     "gb18030",  "big5",        "euc-kr",       "utf-16le",
                                     "utf-16be", "iso-2022-jp", "windows-1251", "hz-gb-2312"};
  for (const std::string& label : labels) {
    for (int i = 0; i < 40; ++i) {
      std::string bytes(rng() % 3000, '\0');
      for (char& c : bytes) c = static_cast<char>(rng() % (i % 2 ? 256 : 128));
      if (i % 5 == 0) bytes = "\xFF\xFE" + bytes;
      auto r = DecodeHtml(bytes, label.empty() ? "" : "text/html; charset=" + label);
      ASSERT_TRUE(r.ok()) << label;
      EXPECT_TRUE(charset::ScanUtf8(r->utf8).valid()) << label;
    }
  }
  EXPECT_TRUE(DecodeHtml("").ok());
  EXPECT_TRUE(DecodeHtml("\xFF").ok());
  EXPECT_TRUE(DecodeHtml("\xFE\xFF\xD8").ok());  // UTF-16BE with half a surrogate
}

// "Decoding twice is harmless" (fetcher.h): the result decodes to itself. Converted text holds no U+0000 (NULs
// would read as UTF-16 the second time) and starts with no second BOM. Both cases were found by fuzzing.
TEST(CharsetDecode, DecodingTheResultAgainChangesNothing) {
  const std::string nul_char("\xFF\xFE<\0\0\0p\0>\0", 10);  // UTF-16LE "<", U+0000, "p>"
  const std::string two_boms("\xFF\xFE\xFF\xFE<\0p\0>\0", 10);
  const std::string bom_then_nuls("\xEF\xBB\xBFtext<p\0\0\0 p>", 16);  // valid UTF-8, NULs like UTF-16's
  for (const std::string& bytes : {nul_char, two_boms, bom_then_nuls}) {
    auto once = DecodeHtml(bytes);
    ASSERT_TRUE(once.ok());
    EXPECT_EQ(once->utf8.find('\0'), std::string::npos);
    EXPECT_NE(once->utf8.rfind("\xEF\xBB\xBF", 0), 0u) << "no BOM at the start";
    auto twice = DecodeHtml(once->utf8);
    ASSERT_TRUE(twice.ok());
    EXPECT_EQ(twice->utf8, once->utf8);
  }
  EXPECT_EQ(DecodeHtml(nul_char)->utf8, "<\xEF\xBF\xBDp>");
  EXPECT_EQ(DecodeHtml(two_boms)->utf8, "<p>");
  // After a UTF-16 BOM, the bytes of a UTF-8 BOM are text (U+BBEF, then U+00BF): removing them would shift the
  // rest of the page by a byte.
  const std::string utf16_text("\xFF\xFE\xEF\xBB\xBF\0<\0p\0>\0", 12);
  EXPECT_EQ(DecodeHtml(utf16_text)->utf8, "\xEB\xAF\xAF\xC2\xBF<p>");
}

TEST(CharsetPipeline, ToUtf8ConvertsOnlyWhatIsNotUtf8) {
  const std::string text = Paragraph("el");
  std::string storage;
  const std::string legacy = Encode(Page(text), "ISO-8859-7");
  charset::Decision d = charset::Decide(legacy, {});
  auto converted = charset::ToUtf8(legacy, d, &storage);
  ASSERT_TRUE(converted.ok());
  EXPECT_NE(converted->find(text), std::string::npos);
  // UTF-8, valid or not, with or without a BOM, is handed back untouched (the pipeline's DecodeToUtf8 takes
  // it from there): no copy.
  for (const std::string& utf8 : {Page(text), "\xEF\xBB\xBF" + Page(text), Page(text + "\xFF")}) {
    auto same = charset::ToUtf8(utf8, charset::Decide(utf8, {}), &storage);
    ASSERT_TRUE(same.ok());
    EXPECT_EQ(same->data(), utf8.data());
  }
  // UTF-16 without a BOM is converted; the pipeline must not take its NULs for binary data.
  const std::string utf16 = Encode(Page(text), "UTF-16LE");
  d = charset::Decide(utf16, {});
  EXPECT_TRUE(charset::IsUtf16(d.encoding));
  auto from16 = charset::ToUtf8(utf16, d, &storage);
  ASSERT_TRUE(from16.ok());
  EXPECT_EQ(*from16, Page(text));
}

// HZ shifts into GB2312 with printable ASCII ("~{"), so an HZ page is all ASCII, and ASCII is read as the
// declared charset without a conversion everywhere else: HZ must still be converted.
TEST(CharsetDecode, HzPagesAreDecodedThoughTheyAreAscii) {
  std::string text = Paragraph("zh-hans");
  std::string bytes = Encode(Page(text, "<meta charset=\"hz-gb-2312\">"), "HZ");
  ASSERT_EQ(bytes.find_first_of("\x80\xFF"), std::string::npos) << "HZ is 7-bit";
  ExpectDecoded(DecodeHtml(bytes), text, "hz-gb-2312", CharsetSource::kMeta, "hz-gb-2312 by meta");
}

// A stray NUL in a short UTF-8 page is a replaced character, not a sign of UTF-16 nor of binary input.
TEST(CharsetDecode, AStrayNulInAShortPage) {
  static const char kPage[] = "<p>a\0b</p>";
  auto r = DecodeHtml(std::string_view(kPage, sizeof kPage - 1));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->charset, "utf-8");
  EXPECT_EQ(r->utf8, "<p>a\xEF\xBF\xBD" "b</p>");
  Extractor extractor;
  static const char kShort[] = "<title>Hi</title><p>Short note\0</p>";
  auto doc = extractor.Extract(std::string_view(kShort, sizeof kShort - 1));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->text, "Short note\xEF\xBF\xBD\n");
}

// NULs that fall on one side of the two-byte units by chance, beside letters only, are no UTF-16: the page
// stays UTF-8 with replacement characters instead of turning into CJK characters.
TEST(CharsetDecode, AlignedStrayNulsAreNoUtf16) {
  static const char kUnit[] = "<p>a\0b\0c</p>";
  std::string page;
  for (int i = 0; i < 500; ++i) page.append(kUnit, sizeof kUnit - 1);
  auto r = DecodeHtml(page);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->charset, "utf-8");
  EXPECT_EQ(r->utf8.substr(0, 16), "<p>a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c</p>");
  // Nor with one unit that is a space.
  r = DecodeHtml(std::string("\0 ", 2) + page);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->charset, "utf-8");
}

// Extract takes a file's bytes and decodes them as DecodeHtml decodes a page without a Content-Type: pages
// declared, undeclared (ISO-2022-JP's escapes are 7-bit) and declared UTF-8 wrongly come out as their fetched
// twins do.
TEST(CharsetDecode, FilesAreDecodedAsFetchedPagesAre) {
  Extractor extractor;
  for (const CharsetCase& c : kCases) {
    const std::string text = Paragraph(c.language);
    for (const std::string head :
         {std::string("<meta charset=\"") + c.label + "\">", std::string(), std::string("<meta charset=\"utf-8\">")}) {
      const std::string bytes = Encode(Page(text, head), c.icu);
      auto decoded = DecodeHtml(bytes);
      ASSERT_TRUE(decoded.ok());
      auto from_file = extractor.Extract(bytes);
      auto from_fetch = extractor.Extract(decoded->utf8);
      ASSERT_TRUE(from_file.ok() && from_fetch.ok()) << c.icu << " " << head;
      EXPECT_EQ(from_file->text, from_fetch->text) << c.icu << " " << head;
      if (head.find("utf-8") == std::string::npos)
        EXPECT_NE(from_file->text.find(text.substr(0, 60)), std::string::npos) << c.icu << " " << head;
    }
  }
  const std::string hz = Encode(Page(Paragraph("zh-hans"), "<meta charset=\"hz-gb-2312\">"), "HZ");
  auto doc = extractor.Extract(hz);
  ASSERT_TRUE(doc.ok());
  EXPECT_NE(doc->text.find(Paragraph("zh-hans").substr(0, 60)), std::string::npos) << doc->text;
}

// ISO-2022 switches character sets with escape sequences, which are control bytes: a Japanese news list whose lines
// start with dates ("2024年1月1日") switches every few bytes (11% of this page is ESC), and ISO-2022-KR and
// ISO-2022-CN shift with SO and SI. Such a file is text, not binary.
TEST(CharsetDecode, Iso2022EscapesAreNotBinary) {
  Extractor extractor;
  const std::string ja = Paragraph("ja"), ko = Paragraph("ko"), zh = Paragraph("zh");
  std::string list, zh_list;
  for (int day = 1; day <= 28; ++day) {
    list += "<li>2024\u5e741\u6708" + std::to_string(day) + "\u65e5 " + ja.substr(0, 30) + "</li>\n";
    zh_list += "<li>2024\u5e741\u6708" + std::to_string(day) + "\u65e5 " + zh.substr(0, 12) + "</li>\n";
  }
  struct Case {
    const char* icu;
    std::string html, expected;
  } cases[] = {
      {"ISO-2022-JP", Page(ja, "<meta charset=\"iso-2022-jp\">") + "<ul>" + list + "</ul>", ja.substr(0, 60)},
      {"ISO-2022-KR", Page(ko + " 2024 " + ko + " 1 " + ko, "<meta charset=\"iso-2022-kr\">"), ko.substr(0, 60)},
      // ISO-2022-CN shifts with SO and SI too, after "ESC $ ) A".
      {"ISO-2022-CN", Page(zh, "<meta charset=\"iso-2022-cn\">") + "<ul>" + zh_list + "</ul>", zh.substr(0, 60)},
  };
  for (const Case& c : cases) {
    std::string bytes = Encode(c.html, c.icu);
    // ICU's ISO-2022-KR encoder leaves out the designation that RFC 1557 puts at the start (uconv writes it).
    if (std::string_view(c.icu) == "ISO-2022-KR") bytes.insert(0, "\x1B$)C");
    auto doc = extractor.Extract(bytes);
    ASSERT_TRUE(doc.ok()) << c.icu << ": " << doc.status().ToString();
    EXPECT_NE(doc->text.find(c.expected), std::string::npos) << c.icu << ": " << doc->text;
  }
}

TEST(CharsetDecode, DecodedPagesExtractRight) {
  // The whole path a fetched page takes: windows-1251 bytes, decoded, then the Extractor.
  std::string text = Paragraph("ru");
  auto decoded = DecodeHtml(Encode(Page(text, "<meta charset=\"windows-1251\">"), "windows-1251"));
  ASSERT_TRUE(decoded.ok());
  Extractor extractor;
  auto doc = extractor.Extract(decoded->utf8);
  ASSERT_TRUE(doc.ok());
  EXPECT_NE(doc->text.find(text.substr(0, 100)), std::string::npos) << doc->text;
}

}  // namespace
}  // namespace cleaner
