// The background jobs of e-mail invitations (internal to invitations*.cpp): their kinds, how
// a delivery job is described.
#pragma once

#include <string>
#include <string_view>

#include "jobs/job_runner.hpp"
#include "store/invitation_repo.hpp"

namespace voxloop::collect {

inline constexpr std::string_view kInviteJob = "survey.invite";  // one mail
inline constexpr std::string_view kRemindJob = "survey.remind";  // the reminder sweep

// The delivery job of the invitation's first mail or of its next reminder. Reminders carry
// a dedupe key per reminder number, so overlapping sweeps queue each reminder once.
jobs::NewJob DeliveryJob(const store::InvitationRow& invitation, bool reminder);

}  // namespace voxloop::collect
