#include "analysis/key_phrases.hpp"
