using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmApi.Infrastructure.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Deals : Migration
    {
        // As for contacts and companies (CustomFields migration): the first slots of each kind, which a workspace's
        // first custom fields take, are indexed with the workspace. EF cannot declare indexes on complex properties.
        private static readonly string[] IndexedSlots = ["S1", "S2", "S3", "S4", "S5", "D1", "D2", "D3", "T1", "T2", "T3"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "pipelines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ObjectType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IsDefault = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pipelines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "pipeline_stages",
                columns: table => new
                {
                    PipelineId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Probability = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Category = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    State = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pipeline_stages", x => new { x.PipelineId, x.Key });
                    table.ForeignKey(
                        name: "FK_pipeline_stages_pipelines_PipelineId",
                        column: x => x.PipelineId,
                        principalTable: "pipelines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "deals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: true),
                    PipelineId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stage = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    StageCategory = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StageEnteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ExpectedCloseDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LostReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Source = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Custom_B1 = table.Column<bool>(type: "boolean", nullable: true),
                    Custom_B2 = table.Column<bool>(type: "boolean", nullable: true),
                    Custom_B3 = table.Column<bool>(type: "boolean", nullable: true),
                    Custom_B4 = table.Column<bool>(type: "boolean", nullable: true),
                    Custom_B5 = table.Column<bool>(type: "boolean", nullable: true),
                    Custom_D1 = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Custom_D2 = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Custom_D3 = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Custom_D4 = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Custom_D5 = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Custom_S1 = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Custom_S10 = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Custom_S2 = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Custom_S3 = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Custom_S4 = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Custom_S5 = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Custom_S6 = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Custom_S7 = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Custom_S8 = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Custom_S9 = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Custom_T1 = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Custom_T2 = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Custom_T3 = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Custom_T4 = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Custom_T5 = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    DeletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_deals_pipeline_stages_PipelineId_Stage",
                        columns: x => new { x.PipelineId, x.Stage },
                        principalTable: "pipeline_stages",
                        principalColumns: new[] { "PipelineId", "Key" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_deals_pipelines_PipelineId",
                        column: x => x.PipelineId,
                        principalTable: "pipelines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "activity_deals",
                columns: table => new
                {
                    ActivityId = table.Column<Guid>(type: "uuid", nullable: false),
                    DealId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_activity_deals", x => new { x.ActivityId, x.DealId });
                    table.ForeignKey(
                        name: "FK_activity_deals_activities_ActivityId",
                        column: x => x.ActivityId,
                        principalTable: "activities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_activity_deals_deals_DealId",
                        column: x => x.DealId,
                        principalTable: "deals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "deal_companies",
                columns: table => new
                {
                    DealId = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deal_companies", x => new { x.DealId, x.CompanyId });
                    table.ForeignKey(
                        name: "FK_deal_companies_companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_deal_companies_deals_DealId",
                        column: x => x.DealId,
                        principalTable: "deals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "deal_contacts",
                columns: table => new
                {
                    DealId = table.Column<Guid>(type: "uuid", nullable: false),
                    ContactId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deal_contacts", x => new { x.DealId, x.ContactId });
                    table.ForeignKey(
                        name: "FK_deal_contacts_contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_deal_contacts_deals_DealId",
                        column: x => x.DealId,
                        principalTable: "deals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "deal_external_ids",
                columns: table => new
                {
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    System = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deal_external_ids", x => new { x.RecordId, x.System });
                    table.ForeignKey(
                        name: "FK_deal_external_ids_deals_RecordId",
                        column: x => x.RecordId,
                        principalTable: "deals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "deal_stage_stays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "uuid", nullable: false),
                    DealId = table.Column<Guid>(type: "uuid", nullable: false),
                    PipelineId = table.Column<Guid>(type: "uuid", nullable: false),
                    Stage = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    EnteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LeftAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ActorType = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ActorId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deal_stage_stays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_deal_stage_stays_deals_DealId",
                        column: x => x.DealId,
                        principalTable: "deals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_activity_deals_DealId",
                table: "activity_deals",
                column: "DealId");

            migrationBuilder.CreateIndex(
                name: "IX_deal_companies_CompanyId",
                table: "deal_companies",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_deal_contacts_ContactId",
                table: "deal_contacts",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_deal_external_ids_WorkspaceId_System_Value",
                table: "deal_external_ids",
                columns: new[] { "WorkspaceId", "System", "Value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_deal_stage_stays_DealId_EnteredAt",
                table: "deal_stage_stays",
                columns: new[] { "DealId", "EnteredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_deals_PipelineId_Stage",
                table: "deals",
                columns: new[] { "PipelineId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_deals_WorkspaceId_CreatedAt_Id",
                table: "deals",
                columns: new[] { "WorkspaceId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_deals_WorkspaceId_ExpectedCloseDate",
                table: "deals",
                columns: new[] { "WorkspaceId", "ExpectedCloseDate" });

            migrationBuilder.CreateIndex(
                name: "IX_deals_WorkspaceId_OwnerId",
                table: "deals",
                columns: new[] { "WorkspaceId", "OwnerId" });

            migrationBuilder.CreateIndex(
                name: "IX_pipelines_WorkspaceId_ObjectType_CreatedAt",
                table: "pipelines",
                columns: new[] { "WorkspaceId", "ObjectType", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_pipelines_default",
                table: "pipelines",
                columns: new[] { "WorkspaceId", "ObjectType", "IsDefault" },
                unique: true,
                filter: "\"IsDefault\"");

            foreach (var slot in IndexedSlots)
                migrationBuilder.CreateIndex($"IX_deals_WorkspaceId_Custom_{slot}", "deals", ["WorkspaceId", $"Custom_{slot}"]);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var slot in IndexedSlots)
                migrationBuilder.DropIndex($"IX_deals_WorkspaceId_Custom_{slot}", "deals");

            migrationBuilder.DropTable(
                name: "activity_deals");

            migrationBuilder.DropTable(
                name: "deal_companies");

            migrationBuilder.DropTable(
                name: "deal_contacts");

            migrationBuilder.DropTable(
                name: "deal_external_ids");

            migrationBuilder.DropTable(
                name: "deal_stage_stays");

            migrationBuilder.DropTable(
                name: "deals");

            migrationBuilder.DropTable(
                name: "pipeline_stages");

            migrationBuilder.DropTable(
                name: "pipelines");
        }
    }
}
