#include <gtest/gtest.h>

#include "analysis/sentiment.hpp"
