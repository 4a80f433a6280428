#include "analysis/taxonomy.hpp"
