// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Every expected value below was produced by running shared/bench/score's own functions (tokenize, tp_fp_fn,
// precision, recall, metrics, norm) under Python 3.11 on the same inputs.

#include "cleaner/evaluate.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace cleaner {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(TokenizeTest, English) {
  EXPECT_THAT(Tokenize("Hello, world! It's 2026."), ElementsAre("Hello", "world", "It", "s", "2026"));
}

TEST(TokenizeTest, EmptyAndPunctuationOnly) {
  EXPECT_THAT(Tokenize(""), IsEmpty());
  EXPECT_THAT(Tokenize(" ... -- !\n"), IsEmpty());
}

TEST(TokenizeTest, HindiSplitsAtVowelSignsAndVirama) {
  // Python's \w excludes marks (Mn, Mc), so Devanagari words fall apart at matras and viramas.
  EXPECT_THAT(Tokenize("हिन्दी समाचार पत्र"), ElementsAre("ह", "न", "द", "सम", "च", "र", "पत", "र"));
}

TEST(TokenizeTest, CombiningAccentSplitsButPrecomposedDoesNot) {
  EXPECT_THAT(Tokenize("cafe\u0301 caf\u00e9"), ElementsAre("cafe", "caf\u00e9"));
}

TEST(TokenizeTest, ChineseRunsUntilPunctuation) {
  EXPECT_THAT(Tokenize("中文分词，没有空格。abc"), ElementsAre("中文分词", "没有空格", "abc"));
}

TEST(TokenizeTest, DigitsUnderscoresAndOtherNumbers) {
  // '_' is the only connector punctuation in \w (U+203F is not); No and Nl count; nothing is normalised.
  EXPECT_THAT(Tokenize("snake_case_name 3.14 x²+½ Ⅻ ǅungla ‿tie ﬁne"),
              ElementsAre("snake_case_name", "3", "14", "x²", "½", "Ⅻ", "ǅungla", "tie", "ﬁne"));
}

TEST(TokenizeTest, CaseIsKept) { EXPECT_THAT(Tokenize("Hello WORLD"), ElementsAre("Hello", "WORLD")); }

TEST(TokenizeTest, CharactersNewerThanPython311UnicodeAreNotWordCharacters) {
  // U+31350 is CJK Extension H (Unicode 15.0): unassigned for Python 3.11. U+20000 (Extension B) is a letter.
  EXPECT_THAT(Tokenize("a\U00031350b \U00020000z"), ElementsAre("a", "b", "\U00020000z"));
}

TEST(TokenizeTest, InvalidUtf8SeparatesTokensWithoutSwallowingValidBytes) {
  // Octal escapes where a hex one would run into the next letter.
  EXPECT_THAT(Tokenize("ab\377cd"), ElementsAre("ab", "cd"));
  EXPECT_THAT(Tokenize("caf\xc3"), ElementsAre("caf"));
  EXPECT_THAT(Tokenize("a\340A"), ElementsAre("a", "A"));
  EXPECT_THAT(Tokenize("x\xed\xa0\x80y"), ElementsAre("x", "y"));  // an encoded surrogate
  EXPECT_THAT(Tokenize("\xf0\x9f\x98\x80ok\xf4\x90\x80\x80k"), ElementsAre("ok", "k"));
  EXPECT_THAT(Tokenize("\xc0\xafz"), ElementsAre("z"));  // overlong '/'
}

TEST(ScorePageTest, Identical) {
  const PageScore s = ScorePage("one two three four five", "one two three four five");
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
  EXPECT_DOUBLE_EQ(s.f1, 1.0);
  EXPECT_TRUE(s.exact);
  EXPECT_DOUBLE_EQ(s.accuracy, 1.0);
  EXPECT_EQ(s.pages, 1);
  EXPECT_TRUE(s.has_prediction);
}

TEST(ScorePageTest, PunctuationAndWhitespaceDoNotMatter) {
  const PageScore s = ScorePage("Hello world foo bar", "Hello, world:\n  foo bar!");
  EXPECT_DOUBLE_EQ(s.f1, 1.0);
  EXPECT_TRUE(s.exact);
}

TEST(ScorePageTest, CaseMatters) {
  const PageScore s = ScorePage("hello world foo bar", "Hello World foo bar");
  EXPECT_DOUBLE_EQ(s.precision, 0.0);
  EXPECT_DOUBLE_EQ(s.recall, 0.0);
  EXPECT_FALSE(s.exact);
}

TEST(ScorePageTest, Disjoint) {
  const PageScore s = ScorePage("a b c d e", "f g h i j");
  EXPECT_DOUBLE_EQ(s.precision, 0.0);
  EXPECT_DOUBLE_EQ(s.recall, 0.0);
  EXPECT_DOUBLE_EQ(s.f1, 0.0);
  EXPECT_FALSE(s.exact);
  EXPECT_DOUBLE_EQ(s.accuracy, 0.0);
}

TEST(ScorePageTest, PredictionIsPrefixOfTruth) {
  // 2 of the truth's 6 shingles: normalised (1/3, 0, 2/3).
  const PageScore s = ScorePage("the quick brown fox jumps", "the quick brown fox jumps over the lazy dog");
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  EXPECT_DOUBLE_EQ(s.recall, 0.3333333333333333);
  EXPECT_DOUBLE_EQ(s.f1, 0.5);
}

TEST(ScorePageTest, PredictionHasExtraText) {
  const PageScore s = ScorePage("the quick brown fox jumps over the lazy dog. And more words here",
                                "the quick brown fox jumps over the lazy dog");
  EXPECT_DOUBLE_EQ(s.precision, 0.6);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
  EXPECT_DOUBLE_EQ(s.f1, 0.7499999999999999);
}

TEST(ScorePageTest, RepeatedShinglesCountAsMultisets) {
  PageScore s = ScorePage("a b c d", "a b c d a b c d");
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  EXPECT_DOUBLE_EQ(s.recall, 0.2);
  EXPECT_DOUBLE_EQ(s.f1, 0.33333333333333337);
  s = ScorePage("a b c d a b c d a b c d", "a b c d a b c d");
  EXPECT_DOUBLE_EQ(s.precision, 0.5555555555555556);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
  EXPECT_DOUBLE_EQ(s.f1, 0.7142857142857143);
}

TEST(ScorePageTest, ShortTextsAreOneShingleSoAllOrNothing) {
  PageScore s = ScorePage("hello world", "hello world");
  EXPECT_DOUBLE_EQ(s.f1, 1.0);
  EXPECT_TRUE(s.exact);
  s = ScorePage("hello world again", "hello world");
  EXPECT_DOUBLE_EQ(s.precision, 0.0);
  EXPECT_DOUBLE_EQ(s.recall, 0.0);
  s = ScorePage("hello", "hello world");
  EXPECT_DOUBLE_EQ(s.precision, 0.0);
  EXPECT_DOUBLE_EQ(s.recall, 0.0);
  // A 3-token shingle never equals a 4-token one.
  s = ScorePage("a b c d", "a b c");
  EXPECT_DOUBLE_EQ(s.precision, 0.0);
  EXPECT_DOUBLE_EQ(s.recall, 0.0);
}

TEST(ScorePageTest, EmptyPrediction) {
  for (const char* predicted : {"", "..."}) {
    const PageScore s = ScorePage(predicted, "a b c d e");
    EXPECT_DOUBLE_EQ(s.precision, 0.0);
    EXPECT_DOUBLE_EQ(s.recall, 0.0);
    EXPECT_DOUBLE_EQ(s.f1, 0.0);
    EXPECT_FALSE(s.exact);
    EXPECT_EQ(s.pages, 1);
    EXPECT_FALSE(s.has_prediction);
  }
}

TEST(ScorePageTest, EmptyTruthIsNotScored) {
  PageScore s = ScorePage("a b c d e", "");
  EXPECT_DOUBLE_EQ(s.precision, 0.0);
  EXPECT_DOUBLE_EQ(s.recall, 0.0);
  EXPECT_EQ(s.pages, 0);
  s = ScorePage("", "");
  EXPECT_DOUBLE_EQ(s.precision, 1.0);
  EXPECT_DOUBLE_EQ(s.recall, 1.0);
  EXPECT_TRUE(s.exact);
  EXPECT_EQ(s.pages, 0);
  EXPECT_FALSE(s.has_prediction);
}

TEST(AggregateTest, MeansAsTheScriptTakesThem) {
  const std::vector<PageScore> pages = {
      ScorePage("one two three four five", "one two three four five"),
      ScorePage("the quick brown fox jumps", "the quick brown fox jumps over the lazy dog"),
      ScorePage("the quick brown fox jumps over the lazy dog. And more words here",
                "the quick brown fox jumps over the lazy dog"),
      ScorePage("", "a b c d e"),  // in mean recall (as 0) but not in mean precision
      ScorePage("a b c d e", ""),  // skipped altogether
      ScorePage("a b c d", "a b c"),
      ScorePage("Hello world foo bar", "Hello, world: foo bar!"),
  };
  const PageScore total = Aggregate(pages);
  EXPECT_DOUBLE_EQ(total.precision, 0.72);
  EXPECT_DOUBLE_EQ(total.recall, 0.5555555555555556);
  EXPECT_DOUBLE_EQ(total.f1, 0.6271777003484321);
  EXPECT_DOUBLE_EQ(total.accuracy, 0.3333333333333333);
  EXPECT_EQ(total.pages, 6);
  EXPECT_FALSE(total.exact);
}

TEST(AggregateTest, Empty) {
  const PageScore total = Aggregate({});
  EXPECT_DOUBLE_EQ(total.precision, 0.0);
  EXPECT_DOUBLE_EQ(total.recall, 0.0);
  EXPECT_DOUBLE_EQ(total.f1, 0.0);
  EXPECT_DOUBLE_EQ(total.accuracy, 0.0);
  EXPECT_EQ(total.pages, 0);
}

TEST(AggregateTest, AllExact) {
  const PageScore total = Aggregate({ScorePage("a b c d e", "a b c d e"), ScorePage("x y", "x, y")});
  EXPECT_DOUBLE_EQ(total.f1, 1.0);
  EXPECT_DOUBLE_EQ(total.accuracy, 1.0);
  EXPECT_TRUE(total.exact);
}

TEST(ScoreSnippetsTest, WhitespaceCollapsedSubstrings) {
  // U+00A0 and U+3000 are whitespace to Python's \s; U+200B is not.
  const std::string predicted = "Hello   world.\n\nSecond\tparagraph\u00a0here.\u200bEnd ";
  const SnippetCounts counts = ScoreSnippets(
      predicted, {"world. Second", "missing one", "", " paragraph here. ", "here.End", "Hello\u3000world."},
      {"paragraph here", "nope", "here.\u200bEnd"});
  EXPECT_EQ(counts.true_positives, 4);
  EXPECT_EQ(counts.false_negatives, 2);
  EXPECT_EQ(counts.false_positives, 2);
  EXPECT_EQ(counts.pages, 1);
}

TEST(ScoreSnippetsTest, InvalidBytesActAsReplacementCharacter) {
  const SnippetCounts counts = ScoreSnippets("bad\xff  byte", {"\ufffd byte"}, {});
  EXPECT_EQ(counts.true_positives, 1);
}

TEST(SnippetScoreTest, SummedCounts) {
  SnippetCounts total = ScoreSnippets("alpha beta gamma", {"alpha", "delta"}, {"gamma"});
  total += ScoreSnippets("one two", {"one two", "three", "two"}, {"four"});
  EXPECT_EQ(total.true_positives, 3);
  EXPECT_EQ(total.false_negatives, 2);
  EXPECT_EQ(total.false_positives, 1);
  EXPECT_EQ(total.pages, 2);
  const PageScore s = SnippetScore(total);
  EXPECT_DOUBLE_EQ(s.precision, 0.75);
  EXPECT_DOUBLE_EQ(s.recall, 0.6);
  EXPECT_DOUBLE_EQ(s.f1, 0.6666666666666666);
  EXPECT_TRUE(std::isnan(s.accuracy));
  EXPECT_EQ(s.pages, 2);
}

TEST(SnippetScoreTest, NothingToCount) {
  const PageScore s = SnippetScore(SnippetCounts{});
  EXPECT_DOUBLE_EQ(s.precision, 0.0);
  EXPECT_DOUBLE_EQ(s.recall, 0.0);
  EXPECT_DOUBLE_EQ(s.f1, 0.0);
}

}  // namespace
}  // namespace cleaner
