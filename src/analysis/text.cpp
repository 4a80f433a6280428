#include "analysis/text.hpp"
