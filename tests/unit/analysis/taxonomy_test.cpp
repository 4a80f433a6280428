#include <gtest/gtest.h>

#include "analysis/taxonomy.hpp"
