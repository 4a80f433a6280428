#include <gtest/gtest.h>

#include "analysis/pii.hpp"
