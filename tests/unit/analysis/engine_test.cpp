#include <gtest/gtest.h>

#include "analysis/engine.hpp"
