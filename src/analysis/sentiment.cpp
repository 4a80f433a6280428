#include "analysis/sentiment.hpp"
