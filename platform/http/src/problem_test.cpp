#include "http/problem.hpp"

#include "http/json.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace tongban::http {
namespace {

TEST(ProblemTest, RendersRfc9457WithCodeMessagesFieldAndRequest) {
  Request request;
  request.request_id = "req-1";
  request.target = "/api/v1/cases?secret=1";
  request.path = "/api/v1/cases";
  Error error =
      Error::Make(ErrorCode::kInvalidArgument, "casework.name_missing", "缺少名称", "Name missing", "/name")
          .WithDetail("internal detail");
  Response r = Problem(error, &request);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.content_type, "application/problem+json");
  boost::json::object body = boost::json::parse(r.body).as_object();
  EXPECT_EQ(body.at("type"), "https://tongban.dev/problems/casework.name_missing");
  EXPECT_EQ(body.at("title"), "Name missing");
  EXPECT_EQ(body.at("status"), 400);
  EXPECT_EQ(body.at("code"), "casework.name_missing");
  EXPECT_EQ(body.at("message_zh"), "缺少名称");
  EXPECT_EQ(body.at("message_en"), "Name missing");
  EXPECT_EQ(body.at("field"), "/name");
  EXPECT_EQ(body.at("request_id"), "req-1");
  EXPECT_EQ(body.at("instance"), "/api/v1/cases");  // no query string
  EXPECT_EQ(body.size(), 9u);
  EXPECT_EQ(r.body.find("internal detail"), std::string::npos);
}

TEST(ProblemTest, OmitsEmptyFieldAndAbsentRequest) {
  Response r = Problem(Error::Make(ErrorCode::kNotFound, "x.gone", "没了", "Gone"));
  boost::json::object body = boost::json::parse(r.body).as_object();
  EXPECT_EQ(r.status, 404);
  EXPECT_FALSE(body.contains("field"));
  EXPECT_FALSE(body.contains("request_id"));
  EXPECT_FALSE(body.contains("instance"));
}

TEST(ProblemTest, InstanceIsOmittedWhenThePathIsNotClean) {
  Request request;
  request.target = "/a\xff\"b";
  request.path = "/a\xff\"b";
  Response r = Problem(Error::Make(ErrorCode::kInvalidArgument, "x.bad", "坏", "Bad"), &request);
  EXPECT_FALSE(boost::json::parse(r.body).as_object().contains("instance"));
}

TEST(ProblemTest, StatusOverride) {
  Response r = Problem(Error::Make(ErrorCode::kResourceExhausted, "http.body_too_large", "请求体过大",
                                   "Request body too large"),
                       nullptr, 413);
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(boost::json::parse(r.body).at("status"), 413);
}

TEST(ProblemTest, WithMembersAddsThemBesideTheStandardOnes) {
  Request request;
  request.request_id = "req-2";
  request.target = "/api/v1/catalog/items";
  std::vector<Error> errors{
      Error::Make(ErrorCode::kInvalidArgument, "catalog.committed_exceeds_statutory",
                  "承诺时限不得超过法定时限", "The committed limit exceeds the statutory limit",
                  "/committed_limit_days")
          .WithDetail("secret detail"),
      Error::Make(ErrorCode::kInvalidArgument, "catalog.required", "名称不能为空", "Name is required")};
  boost::json::object members{{"errors", ErrorsToJson(errors)},
                              {"code", "must.not.replace"},
                              {"status", 200},
                              {"report", boost::json::object{{"applied", false}}}};
  Response r = ProblemWithMembers(errors.front(), &request, 422, members);
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(r.content_type, "application/problem+json");
  boost::json::object body = boost::json::parse(r.body).as_object();
  EXPECT_EQ(body.at("code"), "catalog.committed_exceeds_statutory");  // the standard member wins
  EXPECT_EQ(body.at("status"), 422);
  EXPECT_EQ(body.at("field"), "/committed_limit_days");
  EXPECT_EQ(body.at("request_id"), "req-2");
  EXPECT_EQ(body.at("report").at("applied"), false);
  const boost::json::array& list = body.at("errors").as_array();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].at("code"), "catalog.committed_exceeds_statutory");
  EXPECT_EQ(list[0].at("field"), "/committed_limit_days");
  EXPECT_EQ(list[0].at("message_zh"), "承诺时限不得超过法定时限");
  EXPECT_EQ(list[0].at("message_en"), "The committed limit exceeds the statutory limit");
  EXPECT_EQ(list[0].as_object().size(), 4u);
  EXPECT_EQ(list[1].at("field"), "");
  EXPECT_EQ(r.body.find("secret detail"), std::string::npos);
}

TEST(ProblemTest, WithMembersStatusFromTheCodeWhenNotGiven) {
  Response r = ProblemWithMembers(Error::Make(ErrorCode::kNotFound, "x.gone", "没了", "Gone"), nullptr, 0,
                                  boost::json::object{{"hint", "none"}});
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(boost::json::parse(r.body).at("hint"), "none");
}

TEST(ProblemTest, StatusForEveryCode) {
  EXPECT_EQ(StatusFor(ErrorCode::kInvalidArgument), 400);
  EXPECT_EQ(StatusFor(ErrorCode::kNotFound), 404);
  EXPECT_EQ(StatusFor(ErrorCode::kAlreadyExists), 409);
  EXPECT_EQ(StatusFor(ErrorCode::kConflict), 409);
  EXPECT_EQ(StatusFor(ErrorCode::kFailedPrecondition), 409);
  EXPECT_EQ(StatusFor(ErrorCode::kUnauthenticated), 401);
  EXPECT_EQ(StatusFor(ErrorCode::kPermissionDenied), 403);
  EXPECT_EQ(StatusFor(ErrorCode::kResourceExhausted), 429);
  EXPECT_EQ(StatusFor(ErrorCode::kUnavailable), 503);
  EXPECT_EQ(StatusFor(ErrorCode::kDeadlineExceeded), 504);
  EXPECT_EQ(StatusFor(ErrorCode::kInternal), 500);
}

}  // namespace
}  // namespace tongban::http

namespace tongban::http {
namespace {

TEST(ProblemReasonStatusTest, UnsupportedMediaTypeIs415) {
  Response r = Problem(Error::Make(ErrorCode::kInvalidArgument, "http.unsupported_media_type",
                                   "仅支持 application/json", "Only application/json is supported"));
  EXPECT_EQ(r.status, 415);
  EXPECT_NE(r.body.find("\"status\":415"), std::string::npos);
}

}  // namespace
}  // namespace tongban::http
