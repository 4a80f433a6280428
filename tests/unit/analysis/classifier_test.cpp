#include <gtest/gtest.h>

#include "analysis/classifier.hpp"
