using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrmApi.Api.Tests.Infrastructure;

namespace CrmApi.Api.Tests.BadInput;

/// <summary>Bodies a contact create or merge patch must refuse, each with nothing written.</summary>
public abstract class ContactBadInputTests(ApiFixture fixture)
{
    private const string Contacts = "/api/v1/contacts";

    [Fact]
    public async Task Malformed_json_is_400_malformed_json_with_the_position()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Contacts, """{"firstName": "Ada",""");
        var body = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed-json");
        body.GetProperty("detail").GetString()!.ShouldContain("line 1");
    }

    [Fact]
    public async Task Malformed_json_on_patch_is_400_and_the_contact_is_unchanged()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var id = await ws.CreateAsync(Contacts, """{"firstName":"Ada"}""");
        using var response = await ws.SendUnchangedAsync(HttpMethod.Patch, $"{Contacts}/{id}", """{"firstName": 'Bob'}""",
            "application/merge-patch+json");
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed-json");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("""{"firstName":"a"} trailing""")]
    [InlineData("""{"firstName":"a",}""")]
    public async Task Empty_or_broken_bodies_are_malformed_json(string json)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Contacts, json);
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed-json");
    }

    [Theory]
    [InlineData("""{"firstName": 5}""", "firstName")]
    [InlineData("""{"firstName": true}""", "firstName")]
    [InlineData("""{"emails": "x"}""", "emails")]
    [InlineData("""{"emails": [{"value": 5}]}""", "emails[0].value")]
    [InlineData("""{"emails": [{"value": "a@b.co", "primary": "yes"}]}""", "emails[0].primary")]
    [InlineData("""{"address": {"country": 7}}""", "address.country")]
    [InlineData("""{"address": "Main St 1"}""", "address")]
    [InlineData("""{"tags": "vip"}""", "tags")]
    [InlineData("""{"tags": [1]}""", "tags[0]")]
    [InlineData("""{"externalIds": {"shop": 5}}""", "externalIds.shop")]
    [InlineData("""{"lifecycleStage": 1}""", "lifecycleStage")]
    [InlineData("""{"lifecycleStage": "nope"}""", "lifecycleStage")]
    public async Task Wrong_types_are_400_naming_the_field_path(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Contacts, json);
        var errors = await response.ShouldBeValidationAsync(field);
        errors[0].Field.ShouldBe(field);
    }

    [Theory]
    [InlineData("""{"firstName":"Ada","foo":1}""", "foo")]
    [InlineData("""{"address":{"city":"Paris","foo":1}}""", "address.foo")]
    [InlineData("""{"emails":[{"value":"a@b.co","label":"work"}]}""", "emails[0].label")]
    [InlineData("""{"FirstName":"Ada"}""", "FirstName")]
    public async Task Unknown_properties_are_400_naming_them(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Contacts, json);
        var errors = await response.ShouldBeValidationAsync(field);
        errors[0].Message.ShouldContain("Unknown property");
    }

    [Theory]
    [InlineData("id", "\"0198c3f0-0000-7000-8000-000000000000\"")]
    [InlineData("workspaceId", "\"0198c3f0-0000-7000-8000-000000000000\"")]
    [InlineData("version", "7")]
    [InlineData("createdAt", "\"2020-01-01T00:00:00Z\"")]
    [InlineData("updatedAt", "\"2020-01-01T00:00:00Z\"")]
    public async Task Read_only_properties_are_400_on_create_and_patch(string property, string value)
    {
        var ws = await fixture.NewWorkspaceAsync();
        var id = await ws.CreateAsync(Contacts, """{"firstName":"Ada"}""");

        using var create = await ws.SendUnchangedAsync(HttpMethod.Post, Contacts, $$"""{"firstName":"Bob","{{property}}":{{value}}}""");
        (await create.ShouldBeValidationAsync(property))[0].Message.ShouldContain("read-only");

        using var patch = await ws.SendUnchangedAsync(HttpMethod.Patch, $"{Contacts}/{id}", $$"""{"{{property}}":{{value}}}""",
            "application/merge-patch+json");
        (await patch.ShouldBeValidationAsync(property))[0].Message.ShouldContain("read-only");
    }

    [Theory]
    [InlineData("""{"emails":[{"value":"not-an-email"}]}""", "emails[0].value")]
    [InlineData("""{"emails":[{"value":"a@b.co"},{"value":"a@@b.co"}]}""", "emails[1].value")]
    [InlineData("""{"emails":[{"value":"a@b.co"},{"value":"A@B.CO"}]}""", "emails[1].value")]
    [InlineData("""{"emails":[null]}""", "emails[0]")]
    [InlineData("""{"phones":[{"value":"call me"}]}""", "phones[0].value")]
    [InlineData("""{"address":{"country":"XX"}}""", "address.country")]
    [InlineData("""{"address":{"postalCode":"123456789012345678901"}}""", "address.postalCode")]
    [InlineData("""{"externalIds":{"Bad System":"1"}}""", "externalIds.Bad System")]
    [InlineData("""{"externalIds":{"shop":""}}""", "externalIds.shop")]
    [InlineData("""{"tags":[""]}""", "tags[0]")]
    public async Task Invalid_values_are_400_naming_the_field(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Contacts, json);
        await response.ShouldBeValidationAsync(field);
    }

    [Fact]
    public async Task Names_longer_than_200_characters_are_400_and_200_is_accepted()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var tooLong = await ws.SendUnchangedAsync(HttpMethod.Post, Contacts, $$"""{"firstName":"{{new string('a', 201)}}"}""");
        (await tooLong.ShouldBeValidationAsync("firstName"))[0].Message.ShouldContain("200");

        using var longest = await ws.Client.PostAsync(Contacts, ProblemAssertions.Json($$"""{"firstName":"{{new string('a', 200)}}"}"""));
        longest.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Two_primary_emails_are_400()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Contacts,
            """{"emails":[{"value":"a@b.co","primary":true},{"value":"c@d.co","primary":true}]}""");
        (await response.ShouldBeValidationAsync("emails"))[0].Message.ShouldContain("primary");
    }

    [Fact]
    public async Task Every_problem_is_reported_at_once()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Contacts,
            $$$"""{"firstName":"{{{new string('a', 201)}}}","emails":[{"value":"nope"}],"address":{"country":"XX"}}""");
        var errors = await response.ShouldBeValidationAsync("firstName", "emails[0].value", "address.country");
        errors.Count.ShouldBe(3);
    }

    [Fact]
    public async Task A_body_over_1_MiB_is_413()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var json = $$"""{"firstName":"{{new string('a', 1024 * 1024)}}"}""";
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Contacts, json);
        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task A_body_over_1_MiB_without_content_length_is_413()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var bytes = System.Text.Encoding.UTF8.GetBytes($$"""{"firstName":"{{new string('a', 1024 * 1024)}}"}""");
        var content = new StreamContent(new NoLengthStream(bytes));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var response = await ws.SendUnchangedAsync(new HttpRequestMessage(HttpMethod.Post, Contacts) { Content = content });
        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Other_content_types_are_415(string mediaType)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Contacts, """{"firstName":"Ada"}""", mediaType);
        // Routing refuses these from the endpoint's Accepts metadata, so the framework writes the problem: no detail
        // (see PlatformTests.Framework_problems_have_a_detail_and_field_errors).
        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Fact]
    public async Task A_body_without_content_type_is_415()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var content = new ByteArrayContent("""{"firstName":"Ada"}"""u8.ToArray());
        using var response = await ws.SendUnchangedAsync(new HttpRequestMessage(HttpMethod.Post, Contacts) { Content = content });
        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Theory]
    [InlineData("""[{"firstName":"Ada"}]""")]
    [InlineData("\"Ada\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task A_body_that_is_not_an_object_is_400(string json)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Contacts, json);
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Deeply_nested_json_is_400_not_a_crash()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var json = """{"address":""" + new string('[', 100) + new string(']', 100) + "}";
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Contacts, json);
        ((int)response.StatusCode).ShouldBe(400);
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed-json");
    }

    [Fact]
    public async Task A_duplicated_property_is_400_not_a_crash()
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Contacts, """{"firstName":"Ada","firstName":"Bob"}""");
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed-json");
    }

    [Theory]
    [InlineData("""{"firstName":"a\u0000b"}""", "firstName")]
    [InlineData("""{"tags":["a\u0000b"]}""", "tags[0]")]
    [InlineData("""{"externalIds":{"shop":"1\u00002"}}""", "externalIds.shop")]
    [InlineData("""{"emails":[{"value":"a\u0000b@example.com"}]}""", "emails[0].value")]
    public async Task Nul_characters_are_400_on_every_database(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Contacts, json);
        await response.ShouldBeValidationAsync(field);
    }

    [Theory]
    [InlineData("""{"firstName":"a\ud800b"}""", "firstName")]
    [InlineData("""{"lastName":"\udc00"}""", "lastName")]
    [InlineData("""{"address":{"city":"x\ud800"}}""", "address.city")]
    [InlineData("""{"fo\u0000o":"1"}""", "")]
    public async Task Unpaired_surrogates_are_400_not_a_crash(string json, string field)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Contacts, json);
        await response.ShouldBeValidationAsync(field);
    }

    [Theory]
    [InlineData("""{"externalIds":{"sh\ud800op":"1"}}""")]
    [InlineData("""{"\udc00":"1"}""")]
    public async Task Unpaired_surrogates_in_property_names_are_malformed_json(string json)
    {
        var ws = await fixture.NewWorkspaceAsync();
        using var response = await ws.SendUnchangedAsync(HttpMethod.Post, Contacts, json);
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed-json");
    }

    [Fact]
    public async Task Invalid_patch_leaves_the_contact_and_its_version_unchanged()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var id = await ws.CreateAsync(Contacts, """{"firstName":"Ada","emails":[{"value":"ada@example.com"}]}""");

        using var badEmail = await ws.SendUnchangedAsync(HttpMethod.Patch, $"{Contacts}/{id}", """{"emails":[{"value":"nope"}]}""",
            "application/merge-patch+json");
        await badEmail.ShouldBeValidationAsync("emails[0].value");
        using var badType = await ws.SendUnchangedAsync(HttpMethod.Patch, $"{Contacts}/{id}", """{"address":{"country":7}}""");
        await badType.ShouldBeValidationAsync("address.country");
        using var unknown = await ws.SendUnchangedAsync(HttpMethod.Patch, $"{Contacts}/{id}", """{"address":{"foo":"x"}}""");
        await unknown.ShouldBeValidationAsync("address.foo");
        using var textPlain = await ws.SendUnchangedAsync(HttpMethod.Patch, $"{Contacts}/{id}", """{"firstName":"Bob"}""", "text/plain");
        await textPlain.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        using var array = await ws.SendUnchangedAsync(HttpMethod.Patch, $"{Contacts}/{id}", """[{"op":"replace"}]""");
        await array.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "validation");

        var current = await ws.Client.GetFromJsonAsync<JsonElement>($"{Contacts}/{id}");
        current.GetProperty("version").GetInt64().ShouldBe(1);
        current.GetProperty("firstName").GetString().ShouldBe("Ada");
    }

    [Fact]
    public async Task A_patch_body_over_1_MiB_is_413()
    {
        var ws = await fixture.NewWorkspaceAsync();
        var id = await ws.CreateAsync(Contacts, """{"firstName":"Ada"}""");
        using var response = await ws.SendUnchangedAsync(HttpMethod.Patch, $"{Contacts}/{id}",
            $$"""{"lastName":"{{new string('b', 1024 * 1024 + 10)}}"}""", "application/merge-patch+json");
        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    /// <summary>A body stream of unknown length, so the server cannot refuse it from Content-Length alone.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContactBadInputSqliteTests(SqliteApiFixture fixture) : ContactBadInputTests(fixture);

[Collection(PostgresCollection.Name)]
public sealed class ContactBadInputPostgresTests(PostgresApiFixture fixture) : ContactBadInputTests(fixture);
