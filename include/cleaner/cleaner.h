// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.
//
// Umbrella header: everything a program that embeds cleaner needs.

#ifndef CLEANER_CLEANER_H_
#define CLEANER_CLEANER_H_

#include "cleaner/evaluate.h"
#include "cleaner/extractor.h"
#include "cleaner/fetcher.h"
#include "cleaner/options.h"
#include "cleaner/result.h"
#include "cleaner/status.h"
#include "cleaner/version.h"

#endif  // CLEANER_CLEANER_H_
