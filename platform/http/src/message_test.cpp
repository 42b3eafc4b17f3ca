#include "http/message.hpp"

#include <gtest/gtest.h>

namespace tongban::http {
namespace {

TEST(MessageTest, MethodsRoundTripAndAreCaseSensitive) {
  for (Method m : {Method::kGet, Method::kHead, Method::kPost, Method::kPut, Method::kPatch, Method::kDelete,
                   Method::kOptions}) {
    EXPECT_EQ(ParseMethod(MethodName(m)), m);
  }
  EXPECT_EQ(ParseMethod("get"), std::nullopt);
  EXPECT_EQ(ParseMethod("TRACE"), std::nullopt);
  EXPECT_EQ(ParseMethod(""), std::nullopt);
}

TEST(MessageTest, HeadersAreCaseInsensitive) {
  Request r;
  r.headers.emplace("Content-Type", "application/json");
  EXPECT_EQ(r.Header("content-type"), "application/json");
  EXPECT_EQ(r.Header("CONTENT-TYPE"), "application/json");
  EXPECT_EQ(r.Header("Accept"), "");
}

TEST(MessageTest, QueryParamReturnsTheFirstOfRepeatedNames) {
  Request r;
  r.query.emplace("a", "1");
  r.query.emplace("a", "2");
  EXPECT_EQ(r.QueryParam("a"), "1");
  EXPECT_EQ(r.QueryParam("b"), std::nullopt);
}

TEST(MessageTest, MissingPathParamIsAProgrammingError) {
  Request r;
  r.route = "/a/{id}";
  r.path_params.emplace("id", "7");
  EXPECT_EQ(r.PathParam("id"), "7");
  EXPECT_THROW(r.PathParam("idd"), std::logic_error);
}

TEST(MessageTest, ResponseFactories) {
  EXPECT_EQ(Response::Json(201, "{}").status, 201);
  EXPECT_EQ(Response::Json(201, "{}").content_type, "application/json");
  EXPECT_EQ(Response::Text(200, "hi").content_type, "text/plain; charset=utf-8");
  EXPECT_EQ(Response::NoContent().status, 204);
  EXPECT_TRUE(Response::NoContent().content_type.empty());
}

}  // namespace
}  // namespace tongban::http
