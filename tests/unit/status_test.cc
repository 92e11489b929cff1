// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Status and Result: errors are values, and misuse of a Result fails loudly instead of throwing.

#include <string>

#include <gtest/gtest.h>

#include "cleaner/status.h"

namespace cleaner {
namespace {

TEST(StatusTest, NamesAndText) {
  Status s(StatusCode::kTooLarge, "input is 9 bytes, over the limit of 8");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(StatusCodeName(s.code()), "too_large");
  EXPECT_EQ(s.ToString(), "too_large: input is 9 bytes, over the limit of 8");
  EXPECT_EQ(Status().ToString(), "ok");
}

TEST(ResultTest, HoldsAValueOrAnError) {
  Result<std::string> good = std::string("text");
  ASSERT_TRUE(good.ok());
  EXPECT_TRUE(good.status().ok());
  EXPECT_EQ(*good, "text");
  EXPECT_EQ(good->size(), 4u);
  Result<std::string> bad = Status(StatusCode::kNotHtml, "binary");
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kNotHtml);
}

// A Result made from an OK Status has no value: it must not claim ok() (and crash on value()) nor report an OK
// status beside ok() == false.
TEST(ResultTest, MadeFromAnOkStatusIsAnError) {
  Result<int> r = Status();
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(r.status().ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInternal);
}

// The value of an error Result is a programming error: the process stops with the status on stderr, in every
// build, and no exception (std::bad_variant_access) crosses the API.
TEST(ResultDeathTest, ValueOfAnErrorAborts) {
  Result<int> r = Status(StatusCode::kIoError, "no such file");
  EXPECT_DEATH((void)r.value(), "io_error: no such file");
  EXPECT_DEATH((void)*r, "no such file");
}

}  // namespace
}  // namespace cleaner
