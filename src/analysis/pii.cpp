#include "analysis/pii.hpp"
