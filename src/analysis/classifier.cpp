#include "analysis/classifier.hpp"
