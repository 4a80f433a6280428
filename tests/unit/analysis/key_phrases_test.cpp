#include <gtest/gtest.h>

#include "analysis/key_phrases.hpp"
