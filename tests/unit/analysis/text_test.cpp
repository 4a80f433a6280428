#include <gtest/gtest.h>

#include "analysis/text.hpp"
