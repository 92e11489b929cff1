// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Stage 1, decode: bytes to valid UTF-8. Expected values follow the WHATWG Encoding standard's "maximal
// subpart" replacement (one U+FFFD per maximal prefix of a valid sequence, then one per remaining byte).

#include "cleaner/decode.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace cleaner {
namespace {

constexpr char kFffd[] = "\xEF\xBF\xBD";

std::string Fffd(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += kFffd;
  return s;
}

std::string Decode(std::string_view bytes, DecodeReport* report = nullptr) {
  return DecodeToUtf8(bytes, report);
}

TEST(DecodeTest, ValidUtf8PassesThroughUnchanged) {
  const std::string in = "<p>caf\xC3\xA9 \xE0\xA4\xB9\xE0\xA4\xBF \xE4\xB8\xAD \xF0\x9F\x98\x80</p>";
  DecodeReport report;
  EXPECT_EQ(Decode(in, &report), in);
  EXPECT_FALSE(report.had_bom);
  EXPECT_FALSE(report.invalid_utf8);
}

// A lead byte whose continuation bytes are missing is one U+FFFD, and the byte after it is read again ("\xC3A"
// is U+FFFD then "A", not one character that swallows the "A").
TEST(DecodeTest, NextCodePointDoesNotSwallowWhatFollowsABadLeadByte) {
  const std::string s = "\xC3" "A\xE2\x82" "B\xE2\x82\xAC";
  std::vector<uint32_t> got;
  for (size_t i = 0; i < s.size();) got.push_back(NextCodePoint(s, &i));
  EXPECT_EQ(got, (std::vector<uint32_t>{0xFFFD, 'A', 0xFFFD, 0xFFFD, 'B', 0x20AC}));
}

TEST(DecodeTest, EmptyInput) {
  DecodeReport report;
  EXPECT_EQ(Decode("", &report), "");
  EXPECT_FALSE(report.had_bom);
  EXPECT_FALSE(report.invalid_utf8);
}

TEST(DecodeTest, NullReportIsAllowed) { EXPECT_EQ(Decode("a\xFF", nullptr), std::string("a") + kFffd); }

TEST(DecodeTest, Utf8BomIsStripped) {
  DecodeReport report;
  EXPECT_EQ(Decode("\xEF\xBB\xBF<html>x</html>", &report), "<html>x</html>");
  EXPECT_TRUE(report.had_bom);
  EXPECT_FALSE(report.invalid_utf8);
}

TEST(DecodeTest, OnlyTheLeadingBomIsStripped) {
  // A second U+FEFF is text, not a BOM.
  EXPECT_EQ(Decode("\xEF\xBB\xBF" "a\xEF\xBB\xBF" "b"), "a\xEF\xBB\xBF" "b");
}

TEST(DecodeTest, Utf16LittleEndianWithBom) {
  DecodeReport report;
  // "hé" then U+4E2D, then U+1F600 as the surrogate pair D83D DE00.
  const std::string in("\xFF\xFE" "h\x00\xE9\x00\x2D\x4E\x3D\xD8\x00\xDE", 12);
  EXPECT_EQ(Decode(in, &report), "h\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80");
  EXPECT_TRUE(report.had_bom);
}

TEST(DecodeTest, Utf16BigEndianWithBom) {
  DecodeReport report;
  const std::string in("\xFE\xFF\x00<\x00p\x00>\x4E\x2D\xD8\x3D\xDE\x00", 14);
  EXPECT_EQ(Decode(in, &report), "<p>\xE4\xB8\xAD\xF0\x9F\x98\x80");
  EXPECT_TRUE(report.had_bom);
}

TEST(DecodeTest, Utf16LoneSurrogatesNulAndOddByteBecomeReplacement) {
  // A high surrogate followed by a non-surrogate, a lone low surrogate, a NUL unit and an odd trailing byte.
  const std::string in("\xFF\xFE\x3D\xD8" "a\x00\x00\xDC" "b\x00\x00\x00" "c", 13);
  EXPECT_EQ(Decode(in), kFffd + std::string("a") + kFffd + "b" + kFffd + kFffd);
}

TEST(DecodeTest, Utf16ReplacementsAreReported) {
  // DecodeReport::invalid_utf8 documents "some bytes were replaced with U+FFFD"; a lone surrogate in UTF-16
  // input is replaced, so the report must say so (as it does for the same defect in UTF-8 input).
  DecodeReport report;
  const std::string in("\xFF\xFE" "a\x00\x00\xDC" "b\x00", 8);
  EXPECT_EQ(Decode(in, &report), std::string("a") + kFffd + "b");
  EXPECT_TRUE(report.had_bom);
  EXPECT_TRUE(report.invalid_utf8);
}

TEST(DecodeTest, TruncatedThreeByteSequenceThenAscii) {
  DecodeReport report;
  // E2 82 is the maximal subpart of E2 82 AC (the euro sign): one U+FFFD, and the ASCII after it survives.
  EXPECT_EQ(Decode("a\xE2\x82" "b", &report), std::string("a") + kFffd + "b");
  EXPECT_TRUE(report.invalid_utf8);
}

TEST(DecodeTest, TruncatedFourByteSequenceAtEnd) {
  EXPECT_EQ(Decode("x\xF0\x9F\x98"), std::string("x") + kFffd);
}

TEST(DecodeTest, OverlongTwoByteEncodingIsTwoReplacements) {
  // C0 and C1 can never start a sequence: each byte is its own maximal subpart.
  EXPECT_EQ(Decode("\xC0\xAF"), Fffd(2));
  EXPECT_EQ(Decode("\xC1\xBF" "z"), Fffd(2) + "z");
}

TEST(DecodeTest, OverlongThreeByteEncodingIsReplacedBytewise) {
  // E0 80 AF: 80 is outside E0's second-byte range A0..BF.
  EXPECT_EQ(Decode("\xE0\x80\xAF"), Fffd(3));
}

TEST(DecodeTest, SurrogateCodePointIsThreeReplacements) {
  // ED A0 80 would be U+D800: ED's second byte must be 80..9F.
  EXPECT_EQ(Decode("\xED\xA0\x80"), Fffd(3));
}

TEST(DecodeTest, AboveMaxCodePointIsReplaced) {
  // F4 90 80 80 would be U+110000; F5 never starts a sequence.
  EXPECT_EQ(Decode("\xF4\x90\x80\x80"), Fffd(4));
  EXPECT_EQ(Decode("\xF5\x80"), Fffd(2));
  // U+10FFFF itself is valid.
  EXPECT_EQ(Decode("\xF4\x8F\xBF\xBF"), "\xF4\x8F\xBF\xBF");
}

TEST(DecodeTest, LoneContinuationBytes) {
  EXPECT_EQ(Decode("a\x80" "b"), std::string("a") + kFffd + "b");
  EXPECT_EQ(Decode("\xBF\xBF"), Fffd(2));
}

TEST(DecodeTest, InvalidByteInsideSequenceStartsOver) {
  // E2 followed by a lead byte: E2 is replaced and C3 A9 decodes normally.
  EXPECT_EQ(Decode("\xE2\xC3\xA9"), std::string(kFffd) + "\xC3\xA9");
  // F0 9F then '<': the tag after a broken emoji is not eaten.
  EXPECT_EQ(Decode("\xF0\x9F<p>"), std::string(kFffd) + "<p>");
}

TEST(DecodeTest, NulBecomesReplacement) {
  DecodeReport report;
  EXPECT_EQ(Decode(std::string("a\0b", 3), &report), std::string("a") + kFffd + "b");
  EXPECT_TRUE(report.invalid_utf8);
}

TEST(DecodeTest, AppendValidUtf8AppendsAndReportsValidity) {
  std::string out = "prefix:";
  EXPECT_TRUE(AppendValidUtf8("ok \xC3\xA9", &out));
  EXPECT_EQ(out, "prefix:ok \xC3\xA9");
  EXPECT_FALSE(AppendValidUtf8("\xFF", &out));
  EXPECT_EQ(out, std::string("prefix:ok \xC3\xA9") + kFffd);
}

TEST(DecodeTest, LooksBinaryOnPngHeader) {
  static const char kPng[] =
      "\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00";
  const std::string png(kPng, sizeof(kPng) - 1);
  EXPECT_TRUE(LooksBinary(png));
}

TEST(DecodeTest, LooksBinaryOnNulRuns) { EXPECT_TRUE(LooksBinary(std::string(64, '\0'))); }

TEST(DecodeTest, LooksBinaryOnControlBytes) {
  std::string s;
  for (int i = 0; i < 100; ++i) s += (i % 10 == 0) ? '\x01' : 'a';  // 1 in 10 > 1 in 20
  EXPECT_TRUE(LooksBinary(s));
}

TEST(DecodeTest, PlainHtmlIsNotBinary) {
  EXPECT_FALSE(LooksBinary("<!DOCTYPE html>\n<html>\r\n\t<body>\f<p>Hello</p></body></html>"));
  EXPECT_FALSE(LooksBinary(""));
  EXPECT_FALSE(LooksBinary("\xEF\xBB\xBF<p>\xE4\xB8\xAD</p>"));
}

TEST(DecodeTest, AFewStrayNulsInALongPageAreNotBinary) {
  std::string page = "<html><body>" + std::string(3000, 'x') + "</body></html>";
  page[100] = '\0';
  EXPECT_FALSE(LooksBinary(page));  // 1 NUL in ~3000 bytes: under 1 in 1000
  page[200] = '\0';
  page[300] = '\0';
  page[400] = '\0';
  EXPECT_TRUE(LooksBinary(page));  // 4 in ~3000 bytes: over
}

TEST(DecodeTest, Utf16WithBomIsNotBinary) {
  std::string utf16("\xFF\xFE", 2);
  for (char c : std::string("<html><body>Hello</body></html>")) {
    utf16.push_back(c);
    utf16.push_back('\0');
  }
  EXPECT_FALSE(LooksBinary(utf16));
  EXPECT_TRUE(LooksBinary(utf16.substr(2)));  // the same bytes without a BOM are half NULs
}

// wcxb 4177, 5372, 5444, 5585, 5631: UTF-8 pages whose text was UTF-8 read as Latin-1 and encoded again
// ("you\u00e2\u0080\u0099re"); the C1 controls came out as U+FFFD, splitting words.
TEST(DecodeTest, RepairDoubleEncodedUtf8) {
  std::string s = "you\xC3\xA2\xC2\x80\xC2\x99re \xC3\xA2\xC2\x80\xC2\x9Cquoted\xC3\xA2\xC2\x80\xC2\x9D";
  EXPECT_EQ(RepairDoubleEncodedUtf8(&s), 3u);
  EXPECT_EQ(s, "you\xE2\x80\x99re \xE2\x80\x9Cquoted\xE2\x80\x9D");
  // A two-byte character with a C1 continuation: U+00C5 U+0080 is "\u0140" (\xC5\x80).
  s = "a\xC3\x85\xC2\x80" "b";
  EXPECT_EQ(RepairDoubleEncodedUtf8(&s), 1u);
  EXPECT_EQ(s, "a\xC5\x80" "b");
}

TEST(DecodeTest, RepairDoubleEncodedUtf8LeavesTextWithoutC1ControlsAlone) {
  // "Ã©" and "Â©" might be meant; a page with no C1 control is not touched at all.
  std::string s = "caf\xC3\x83\xC2\xA9 \xC3\x82\xC2\xA9 2024 \xE2\x80\x99";
  const std::string before = s;
  EXPECT_EQ(RepairDoubleEncodedUtf8(&s), 0u);
  EXPECT_EQ(s, before);
  // A C1 control elsewhere does not make "Ã©" a repair either, nor a lead whose bytes would be invalid UTF-8:
  // E0 80 80 is overlong, ED A0 80 a surrogate.
  s = "\xC2\x85 caf\xC3\x83\xC2\xA9 \xC3\xA0\xC2\x80\xC2\x80 \xC3\xAD\xC2\xA0\xC2\x80 \xC3\xA2\xC2\x80";
  const std::string before2 = s;
  EXPECT_EQ(RepairDoubleEncodedUtf8(&s), 0u);
  EXPECT_EQ(s, before2);
}

}  // namespace
}  // namespace cleaner
