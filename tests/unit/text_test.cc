// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Text measures: whitespace collapsing, code points, clause punctuation, sentence ends and ICU word counts.

#include "cleaner/text.h"

#include <memory>
#include <string>

#include <gtest/gtest.h>

namespace cleaner {
namespace {

std::string Collapse(std::string_view s) {
  std::string out;
  bool pending = false;
  AppendCollapsed(s, &out, &pending);
  return out;
}

// One ICU word iterator for the whole suite (creating one costs far more than a test), cloned per test as the
// pipeline does.
class TextTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { prototype_ = TextMeasurer::CreatePrototype().release(); }
  static void TearDownTestSuite() {
    delete prototype_;
    prototype_ = nullptr;
  }
  void SetUp() override {
    ASSERT_NE(prototype_, nullptr) << "ICU word break data missing";
    measurer_ = prototype_->Clone();
  }
  static TextMeasurer* prototype_;
  std::unique_ptr<TextMeasurer> measurer_;
};
TextMeasurer* TextTest::prototype_ = nullptr;

TEST_F(TextTest, AppendCollapsedFoldsAsciiWhitespaceRuns) {
  EXPECT_EQ(Collapse("a \t\n\r\f\v b"), "a b");
  EXPECT_EQ(Collapse("   leading and trailing   "), "leading and trailing");
  EXPECT_EQ(Collapse(""), "");
  EXPECT_EQ(Collapse(" \n "), "");
}

TEST_F(TextTest, AppendCollapsedTreatsUnicodeSpacesAsSpaces) {
  EXPECT_EQ(Collapse("a\xC2\xA0\xC2\xA0" "b"), "a b");           // U+00A0 no-break space
  EXPECT_EQ(Collapse("a\xE3\x80\x80" "b"), "a b");               // U+3000 ideographic space
  EXPECT_EQ(Collapse("a\xE2\x80\x83 \xE2\x80\xAF" "b"), "a b");  // U+2003 em space, U+202F narrow no-break
  EXPECT_EQ(Collapse("a\xE2\x80\xA8" "b"), "a b");               // U+2028 line separator
  EXPECT_EQ(Collapse("a\xE3\x85\xA4" "b"), "a b");               // U+3164 Hangul filler, blank on screen
  EXPECT_EQ(Collapse("\xE3\x85\xA4\xEF\xBE\xA0"), "");             // and U+FFA0, its half-width form
}

TEST_F(TextTest, AppendCollapsedDropsZeroWidthSpaceAndBom) {
  EXPECT_EQ(Collapse("a\xE2\x80\x8B" "b"), "ab");      // U+200B
  EXPECT_EQ(Collapse("a\xEF\xBB\xBF" "b"), "ab");      // U+FEFF
  EXPECT_EQ(Collapse("a \xE2\x80\x8B b"), "a b");
}

TEST_F(TextTest, AppendCollapsedKeepsOtherNonAscii) {
  EXPECT_EQ(Collapse("caf\xC3\xA9  \xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\x82\xE0\xA4\xA6\xE0\xA5\x80"),
            "caf\xC3\xA9 \xE0\xA4\xB9\xE0\xA4\xBF\xE0\xA4\x82\xE0\xA4\xA6\xE0\xA5\x80");
}

TEST_F(TextTest, AppendCollapsedCarriesAPendingSpaceAcrossCalls) {
  std::string out;
  bool pending = false;
  AppendCollapsed("Hello ", &out, &pending);
  EXPECT_EQ(out, "Hello");
  EXPECT_TRUE(pending);
  AppendCollapsed("world", &out, &pending);
  EXPECT_EQ(out, "Hello world");
  EXPECT_FALSE(pending);
  // No space where none was written: "a<b>b</b>" joins.
  AppendCollapsed("!", &out, &pending);
  EXPECT_EQ(out, "Hello world!");
  // A space at the start of the next run counts as well.
  AppendCollapsed(" again", &out, &pending);
  EXPECT_EQ(out, "Hello world! again");
}

TEST_F(TextTest, AppendCollapsedWritesNoSpaceAtLineStart) {
  std::string out;
  bool pending = true;
  AppendCollapsed("x", &out, &pending);
  EXPECT_EQ(out, "x");  // nothing before it
  out += '\n';
  pending = true;
  AppendCollapsed("y", &out, &pending);
  EXPECT_EQ(out, "x\ny");
}

TEST_F(TextTest, TrimAsciiAndNoBreakSpace) {
  EXPECT_EQ(Trim("  \t a b \n\r\f"), "a b");
  EXPECT_EQ(Trim("\xC2\xA0x\xC2\xA0 "), "x");
  EXPECT_EQ(Trim(""), "");
  EXPECT_EQ(Trim(" \n "), "");
  EXPECT_EQ(Trim("\xC2\xA0"), "");
  EXPECT_EQ(Trim("caf\xC3\xA9"), "caf\xC3\xA9");
}

TEST_F(TextTest, CountCodePoints) {
  EXPECT_EQ(CountCodePoints(""), 0u);
  EXPECT_EQ(CountCodePoints("hello"), 5u);
  EXPECT_EQ(CountCodePoints("h\xC3\xA9llo"), 5u);
  // नमस्ते: four letters, a virama and a vowel sign.
  EXPECT_EQ(CountCodePoints("\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5\x87"), 6u);
  EXPECT_EQ(CountCodePoints("\xE4\xB8\xAD\xE6\x96\x87"), 2u);  // 中文
  EXPECT_EQ(CountCodePoints("\xF0\x9F\x98\x80!"), 2u);
}

TEST_F(TextTest, CountCommasAscii) {
  EXPECT_EQ(CountCommas(""), 0u);
  EXPECT_EQ(CountCommas("no commas here."), 0u);
  EXPECT_EQ(CountCommas("a, b, c,d"), 3u);
}

TEST_F(TextTest, CountCommasOtherScripts) {
  EXPECT_EQ(CountCommas("\xE4\xB8\x80\xE3\x80\x81\xE4\xBA\x8C\xEF\xBC\x8C\xE4\xB8\x89"), 2u);  // 一、二，三
  EXPECT_EQ(CountCommas("\xD8\xA3\xD8\x8C \xD8\xA8"), 1u);                                    // أ، ب
  // Hindi: "वाक्य। दूसरा।" ends two clauses with the danda.
  EXPECT_EQ(CountCommas("\xE0\xA4\xB5\xE0\xA4\xBE\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xAF\xE0\xA5\xA4 "
                        "\xE0\xA4\xA6\xE0\xA5\x82\xE0\xA4\xB8\xE0\xA4\xB0\xE0\xA4\xBE\xE0\xA5\xA4"),
            2u);
  // Not commas: the ideographic full stop, the double danda, a semicolon.
  EXPECT_EQ(CountCommas("\xE3\x80\x82 \xE0\xA5\xA5 ;"), 0u);
  EXPECT_EQ(CountCommas("a, \xE3\x80\x81 \xEF\xBC\x8C \xD8\x8C \xE0\xA5\xA4"), 5u);
}

TEST_F(TextTest, EndsWithSentencePunctuation) {
  EXPECT_TRUE(EndsWithSentencePunctuation("The end."));
  EXPECT_TRUE(EndsWithSentencePunctuation("Really!"));
  EXPECT_TRUE(EndsWithSentencePunctuation("Why?"));
  EXPECT_TRUE(EndsWithSentencePunctuation("And so\xE2\x80\xA6"));           // …
  EXPECT_TRUE(EndsWithSentencePunctuation("\xE4\xB8\xAD\xE6\x96\x87\xE3\x80\x82"));  // 中文。
  EXPECT_TRUE(EndsWithSentencePunctuation("\xE5\xA5\xBD\xEF\xBC\x81"));              // 好！
  EXPECT_TRUE(EndsWithSentencePunctuation("\xE5\x90\x97\xEF\xBC\x9F"));              // 吗？
  EXPECT_TRUE(EndsWithSentencePunctuation("\xE0\xA4\xB9\xE0\xA5\x88\xE0\xA5\xA4"));  // है।
  EXPECT_TRUE(EndsWithSentencePunctuation("Trailing blanks.  \n"));
  EXPECT_TRUE(EndsWithSentencePunctuation("Note:"));
  EXPECT_FALSE(EndsWithSentencePunctuation("3 May 2024"));
  EXPECT_FALSE(EndsWithSentencePunctuation("Read more"));
  EXPECT_FALSE(EndsWithSentencePunctuation(""));
  EXPECT_FALSE(EndsWithSentencePunctuation("a,"));
}

TEST_F(TextTest, EndsWithSentencePunctuationLooksPastClosingQuotes) {
  EXPECT_TRUE(EndsWithSentencePunctuation("He said \"yes.\""));
  EXPECT_TRUE(EndsWithSentencePunctuation("(See above.)"));
  EXPECT_TRUE(EndsWithSentencePunctuation("\xE2\x80\x9C" "Done.\xE2\x80\x9D"));        // “Done.”
  EXPECT_TRUE(EndsWithSentencePunctuation("\xC2\xAB" "Fin.\xC2\xBB"));               // «Fin.»
  EXPECT_TRUE(EndsWithSentencePunctuation("\xE3\x80\x8C\xE5\xA5\xBD\xE3\x80\x82\xE3\x80\x8D"));  // 「好。」
  EXPECT_FALSE(EndsWithSentencePunctuation("He said \"yes\""));
  EXPECT_FALSE(EndsWithSentencePunctuation("\""));
}

TEST_F(TextTest, NeedsWordSegmentation) {
  EXPECT_FALSE(NeedsWordSegmentation("plain English"));
  EXPECT_FALSE(NeedsWordSegmentation("caf\xC3\xA9"));
  EXPECT_FALSE(NeedsWordSegmentation("\xE0\xA4\xB9\xE0\xA5\x88"));                 // Devanagari
  EXPECT_FALSE(NeedsWordSegmentation("\xEA\xB0\x80"));                             // Hangul syllable
  EXPECT_TRUE(NeedsWordSegmentation("abc \xE4\xB8\xAD"));                           // ideograph
  EXPECT_TRUE(NeedsWordSegmentation("\xE3\x81\x82"));                              // hiragana
  EXPECT_TRUE(NeedsWordSegmentation("\xE0\xB8\x81"));                              // Thai
}

TEST_F(TextTest, CountWordsAscii) {
  EXPECT_EQ(measurer_->CountWords(""), 0u);
  EXPECT_EQ(measurer_->CountWords("   ...  "), 0u);
  EXPECT_EQ(measurer_->CountWords("Hello, world!"), 2u);
  // Apostrophes and hyphens inside a word do not split it.
  EXPECT_EQ(measurer_->CountWords("It's a state-of-the-art test."), 4u);
  EXPECT_EQ(measurer_->CountWords("3 apples and 42 pears"), 5u);
}

TEST_F(TextTest, CountWordsEnglishThroughIcu) {
  // One non-ASCII character sends the text through ICU; the count of an English sentence stays the same.
  EXPECT_EQ(measurer_->CountWords("The caf\xC3\xA9 opens at nine, every day."), 7u);
}

TEST_F(TextTest, CountWordsHindi) {
  // "यह एक परीक्षण वाक्य है।" - this is a test sentence.
  EXPECT_EQ(measurer_->CountWords(
                "\xE0\xA4\xAF\xE0\xA4\xB9 \xE0\xA4\x8F\xE0\xA4\x95 "
                "\xE0\xA4\xAA\xE0\xA4\xB0\xE0\xA5\x80\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xB7\xE0\xA4\xA3 "
                "\xE0\xA4\xB5\xE0\xA4\xBE\xE0\xA4\x95\xE0\xA5\x8D\xE0\xA4\xAF "
                "\xE0\xA4\xB9\xE0\xA5\x88\xE0\xA5\xA4"),
            5u);
}

TEST_F(TextTest, CountWordsChinese) {
  // "我们今天去北京。" - we go to Beijing today: 我们 / 今天 / 去 / 北京 with ICU's dictionary.
  EXPECT_EQ(measurer_->CountWords(
                "\xE6\x88\x91\xE4\xBB\xAC\xE4\xBB\x8A\xE5\xA4\xA9\xE5\x8E\xBB\xE5\x8C\x97\xE4\xBA\xAC"
                "\xE3\x80\x82"),
            4u);
}

TEST_F(TextTest, CountWordsJapanese) {
  // "私は東京に住んでいます。" - I live in Tokyo. ICU 72's dictionary finds 8 words (checked once and
  // pinned); a change here means ICU's segmentation changed.
  EXPECT_EQ(measurer_->CountWords(
                "\xE7\xA7\x81\xE3\x81\xAF\xE6\x9D\xB1\xE4\xBA\xAC\xE3\x81\xAB\xE4\xBD\x8F\xE3\x82\x93"
                "\xE3\x81\xA7\xE3\x81\x84\xE3\x81\xBE\xE3\x81\x99\xE3\x80\x82"),
            8u);
}

TEST_F(TextTest, CloneCountsLikeThePrototype) {
  const std::string zh = "\xE6\x88\x91\xE4\xBB\xAC\xE4\xBB\x8A\xE5\xA4\xA9";
  EXPECT_EQ(prototype_->CountWords(zh), measurer_->CountWords(zh));
  EXPECT_EQ(measurer_->CountWords(zh), measurer_->CountWords(zh));  // reusable
}

TEST_F(TextTest, EffectiveLengthOfSpaceSeparatedScriptsIsCodePoints) {
  EXPECT_DOUBLE_EQ(measurer_->EffectiveLength(""), 0.0);
  EXPECT_DOUBLE_EQ(measurer_->EffectiveLength("hello world"), 11.0);
  EXPECT_DOUBLE_EQ(measurer_->EffectiveLength("caf\xC3\xA9 au lait"), 12.0);
  // नमस्ते दुनिया: 6 + 1 + 6 code points.
  EXPECT_DOUBLE_EQ(
      measurer_->EffectiveLength("\xE0\xA4\xA8\xE0\xA4\xAE\xE0\xA4\xB8\xE0\xA5\x8D\xE0\xA4\xA4\xE0\xA5\x87 "
                                 "\xE0\xA4\xA6\xE0\xA5\x81\xE0\xA4\xA8\xE0\xA4\xBF\xE0\xA4\xAF\xE0\xA4\xBE"),
      13.0);
}

TEST_F(TextTest, EffectiveLengthOfCjkIsSixCharactersPerWord) {
  // 我们今天去北京。: 8 code points, 4 words, 4 x 6 = 24.
  EXPECT_DOUBLE_EQ(
      measurer_->EffectiveLength("\xE6\x88\x91\xE4\xBB\xAC\xE4\xBB\x8A\xE5\xA4\xA9\xE5\x8E\xBB\xE5\x8C\x97"
                                 "\xE4\xBA\xAC\xE3\x80\x82"),
      24.0);
  // Never below the code point count: a lone 。 has no words, 1 code point.
  EXPECT_DOUBLE_EQ(measurer_->EffectiveLength("\xE3\x80\x82"), 1.0);
}

}  // namespace
}  // namespace cleaner
