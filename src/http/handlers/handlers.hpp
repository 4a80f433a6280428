// Every HTTP handler, grouped by resource. A handler parses and validates the request into a
// typed value, calls one subsystem function (off the I/O thread when it blocks), and renders
// the result; it holds no business rules. routes.cpp binds them to paths and permissions.
#pragma once

#include <boost/asio/awaitable.hpp>

#include "http/request_context.hpp"
#include "http/types.hpp"

namespace voxloop::http::handlers {

using Reply = boost::asio::awaitable<Response>;

// health_handlers.cpp
Reply Healthz(RequestContext& context);
Reply Readyz(RequestContext& context);

// web_handlers.cpp
Reply DashboardPage(RequestContext& context);
Reply DashboardAsset(RequestContext& context);

// auth_handlers.cpp
Reply Login(RequestContext& context);
Reply Logout(RequestContext& context);
Reply GetMe(RequestContext& context);
Reply UpdateMe(RequestContext& context);

// workspace_handlers.cpp
Reply ListWorkspaces(RequestContext& context);
Reply CreateWorkspace(RequestContext& context);
Reply GetWorkspace(RequestContext& context);
Reply UpdateWorkspace(RequestContext& context);
Reply DeleteWorkspace(RequestContext& context);
Reply ListAudit(RequestContext& context);

// member_handlers.cpp
Reply ListMembers(RequestContext& context);
Reply AddMember(RequestContext& context);
Reply UpdateMember(RequestContext& context);
Reply RemoveMember(RequestContext& context);
Reply ListTokens(RequestContext& context);
Reply CreateToken(RequestContext& context);
Reply RevokeToken(RequestContext& context);

// feedback_handlers.cpp
Reply CreateFeedback(RequestContext& context);
Reply ListFeedback(RequestContext& context);
Reply GetFeedback(RequestContext& context);
Reply EraseFeedback(RequestContext& context);

// metrics_handlers.cpp
Reply Query(RequestContext& context);
Reply QueryFeedback(RequestContext& context);
Reply QueryDimensions(RequestContext& context);
Reply QueryCsv(RequestContext& context);
Reply QueryXlsx(RequestContext& context);

// analysis_handlers.cpp
Reply CorrectFeedback(RequestContext& context);
Reply GetTaxonomy(RequestContext& context);
Reply PutTaxonomy(RequestContext& context);
Reply ListModels(RequestContext& context);
Reply GetModel(RequestContext& context);
Reply TrainModel(RequestContext& context);
Reply StartReanalysis(RequestContext& context);
Reply GetJob(RequestContext& context);

// live_handlers.cpp
Reply StreamEvents(RequestContext& context);

// customer_handlers.cpp
Reply ListCustomers(RequestContext& context);
Reply CreateCustomer(RequestContext& context);
Reply GetCustomer(RequestContext& context);
Reply UpdateCustomer(RequestContext& context);
Reply EraseCustomer(RequestContext& context);
Reply ExportCustomer(RequestContext& context);

// saved_view_handlers.cpp
Reply ListNotifications(RequestContext& context);
Reply MarkNotificationRead(RequestContext& context);
Reply MarkAllNotificationsRead(RequestContext& context);
Reply ListSavedViews(RequestContext& context);
Reply CreateSavedView(RequestContext& context);
Reply UpdateSavedView(RequestContext& context);
Reply DeleteSavedView(RequestContext& context);

// Surveys (survey_handlers.cpp)
Reply ListSurveyTemplates(RequestContext& context);
Reply CreateSurvey(RequestContext& context);
Reply ListSurveys(RequestContext& context);
Reply GetSurvey(RequestContext& context);
Reply UpdateSurvey(RequestContext& context);
Reply PublishSurvey(RequestContext& context);
Reply PauseSurvey(RequestContext& context);
Reply CloseSurvey(RequestContext& context);
Reply DuplicateSurvey(RequestContext& context);
Reply ListSurveyResponses(RequestContext& context);
Reply ExportSurveyResponsesCsv(RequestContext& context);
Reply ExportSurveyResponsesXlsx(RequestContext& context);

// The public survey API for respondents (public_survey_handlers.cpp)
Reply PublicSurveyPreflight(RequestContext& context);
Reply GetPublicSurvey(RequestContext& context);
Reply SubmitPublicResponse(RequestContext& context);
Reply SavePublicPartialResponse(RequestContext& context);

// The hosted survey page (survey_page_handlers.cpp)
Reply SurveyPage(RequestContext& context);
Reply SubmitSurveyPage(RequestContext& context);

// Its assets, the widget script and QR codes (survey_asset_handlers.cpp)
Reply SurveyPageAsset(RequestContext& context);
Reply WidgetScript(RequestContext& context);
Reply SurveyQrSvg(RequestContext& context);
Reply SurveyQrPng(RequestContext& context);

// E-mail invitations, and the unsubscribe and open-tracking links of the mails
// (invitation_handlers.cpp)
Reply CreateSurveySend(RequestContext& context);
Reply ListSurveySends(RequestContext& context);
Reply GetSurveySend(RequestContext& context);
Reply ListSendInvitations(RequestContext& context);
Reply RemindSurveySend(RequestContext& context);
Reply UnsubscribePage(RequestContext& context);
Reply Unsubscribe(RequestContext& context);
Reply InvitationOpenPixel(RequestContext& context);

// Webhooks (webhook_handlers.cpp)
Reply ListWebhooks(RequestContext& context);
Reply CreateWebhook(RequestContext& context);
Reply GetWebhook(RequestContext& context);
Reply UpdateWebhook(RequestContext& context);
Reply DeleteWebhook(RequestContext& context);
Reply ListWebhookDeliveries(RequestContext& context);
Reply TestWebhook(RequestContext& context);
Reply RedeliverWebhook(RequestContext& context);

// Rules (rule_handlers.cpp)
Reply ListRules(RequestContext& context);
Reply CreateRule(RequestContext& context);
Reply GetRule(RequestContext& context);
Reply UpdateRule(RequestContext& context);
Reply DeleteRule(RequestContext& context);

// Cases (case_handlers.cpp)
Reply ListCases(RequestContext& context);
Reply CreateCase(RequestContext& context);
Reply GetCase(RequestContext& context);
Reply UpdateCase(RequestContext& context);
Reply BulkUpdateCases(RequestContext& context);
Reply AddCaseNote(RequestContext& context);
Reply ReplyToCase(RequestContext& context);
Reply ListCaseMessages(RequestContext& context);
Reply CaseStats(RequestContext& context);

// Inbound case mail and follow-up answers (case_mail_handlers.cpp)
Reply ReceiveInboundEmail(RequestContext& context);
Reply FollowupPage(RequestContext& context);
Reply SubmitFollowupForm(RequestContext& context);
Reply AnswerFollowup(RequestContext& context);

}  // namespace voxloop::http::handlers
