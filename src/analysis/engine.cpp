#include "analysis/engine.hpp"
