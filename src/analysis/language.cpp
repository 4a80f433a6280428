#include "analysis/language.hpp"
