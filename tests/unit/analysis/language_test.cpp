#include <gtest/gtest.h>

#include "analysis/language.hpp"
