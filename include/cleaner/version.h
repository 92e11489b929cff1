// Copyright 2026 The cleaner Authors. Licensed under the Apache License, Version 2.0.

#ifndef CLEANER_VERSION_H_
#define CLEANER_VERSION_H_

#define CLEANER_VERSION "0.1.0"

#endif  // CLEANER_VERSION_H_
