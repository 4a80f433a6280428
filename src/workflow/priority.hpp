// A case's priority and its SLA due times (docs/api.md "Cases": the formula).
//
// Score 0–100, the sum of:
//   sentiment   negative 35 × (0.5 + |score|/2) (so 17–35), neutral 5, positive or none 0
//   score       NPS 0–3: 30, 4–6: 20, 7–8: 5; CSAT or a 1–5 rating 1: 30, 2: 20, 3: 5
//   customer    20 when a value attribute (tier, plan, segment, value) is one of enterprise,
//               vip, premium, gold, platinum, key
//   topics      15 when a topic is urgent: under billing, payment, refund, cancel, security,
//               safety, legal, privacy, fraud
//   age         1 per full day since the feedback was given, at most 10
// Level: ≥ 70 urgent, ≥ 45 high, ≥ 20 normal, else low. A person can override the level.
//
// SLA per level (first response, resolution): urgent 1 h / 8 h, high 4 h / 24 h, normal
// 8 h / 72 h, low 24 h / 120 h, counted in the workspace's business hours (default Monday–
// Friday 08:00–17:00 in its time zone): a case opened on Friday at 16:00 with 4 h to answer
// is due Monday at 11:00.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"

namespace voxloop::workflow {

struct PriorityInputs {
  std::string sentiment_label;  // negative | neutral | positive | ""
  double sentiment_score = 0.0;
  std::optional<double> nps;     // 0–10
  std::optional<double> rating;  // a 1–5 rating or CSAT
  std::map<std::string, std::string> customer;
  std::vector<std::string> topics;
  core::TimeMs given_at = 0;
  core::TimeMs now = 0;
};

int PriorityScore(const PriorityInputs& inputs);
std::string PriorityLevel(int score);
bool IsPriorityLevel(const std::string& level);

struct BusinessHours {
  std::string time_zone = "UTC";
  int start_minute = 8 * 60;  // local minute of the day work starts
  int end_minute = 17 * 60;
  std::vector<int> days = {1, 2, 3, 4, 5};  // ISO weekdays (Monday 1 … Sunday 7)
};

// The instant `minutes` of business time after `from`.
core::TimeMs AddBusinessMinutes(core::TimeMs from, long minutes, const BusinessHours& hours);

struct SlaTargets {
  long first_response_minutes = 0;
  long resolution_minutes = 0;
};
SlaTargets SlaFor(const std::string& level);

}  // namespace voxloop::workflow
