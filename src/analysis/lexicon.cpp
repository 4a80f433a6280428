#include "analysis/lexicon.hpp"
