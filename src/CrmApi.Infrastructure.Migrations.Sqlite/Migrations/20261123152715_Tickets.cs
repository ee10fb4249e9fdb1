using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmApi.Infrastructure.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Tickets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "sla_policies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Conditions = table.Column<string>(type: "TEXT", nullable: true),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    WeeklyHours = table.Column<string>(type: "TEXT", nullable: false),
                    Holidays = table.Column<string>(type: "TEXT", nullable: false),
                    Targets = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sla_policies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "tickets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 32000, nullable: true),
                    PipelineId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StageEnteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    RequesterId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AssigneeId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Tags = table.Column<string>(type: "TEXT", nullable: false),
                    SlaPolicyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    PriorityHistory = table.Column<string>(type: "TEXT", nullable: false),
                    Pauses = table.Column<string>(type: "TEXT", nullable: false),
                    FirstRespondedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SolvedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FirstResponseDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ResolutionDueAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SatisfactionScore = table.Column<int>(type: "INTEGER", nullable: true),
                    SatisfactionComment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    SatisfactionAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Custom_B1 = table.Column<bool>(type: "INTEGER", nullable: true),
                    Custom_B2 = table.Column<bool>(type: "INTEGER", nullable: true),
                    Custom_B3 = table.Column<bool>(type: "INTEGER", nullable: true),
                    Custom_B4 = table.Column<bool>(type: "INTEGER", nullable: true),
                    Custom_B5 = table.Column<bool>(type: "INTEGER", nullable: true),
                    Custom_D1 = table.Column<long>(type: "INTEGER", nullable: true),
                    Custom_D2 = table.Column<long>(type: "INTEGER", nullable: true),
                    Custom_D3 = table.Column<long>(type: "INTEGER", nullable: true),
                    Custom_D4 = table.Column<long>(type: "INTEGER", nullable: true),
                    Custom_D5 = table.Column<long>(type: "INTEGER", nullable: true),
                    Custom_S1 = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Custom_S10 = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Custom_S2 = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Custom_S3 = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Custom_S4 = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Custom_S5 = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Custom_S6 = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Custom_S7 = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Custom_S8 = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Custom_S9 = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Custom_T1 = table.Column<long>(type: "INTEGER", nullable: true),
                    Custom_T2 = table.Column<long>(type: "INTEGER", nullable: true),
                    Custom_T3 = table.Column<long>(type: "INTEGER", nullable: true),
                    Custom_T4 = table.Column<long>(type: "INTEGER", nullable: true),
                    Custom_T5 = table.Column<long>(type: "INTEGER", nullable: true),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    DeletedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_tickets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_tickets_companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_tickets_contacts_RequesterId",
                        column: x => x.RequesterId,
                        principalTable: "contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_tickets_pipeline_stages_PipelineId_Stage",
                        columns: x => new { x.PipelineId, x.Stage },
                        principalTable: "pipeline_stages",
                        principalColumns: new[] { "PipelineId", "Key" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_tickets_pipelines_PipelineId",
                        column: x => x.PipelineId,
                        principalTable: "pipelines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ticket_comments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 65536, nullable: false),
                    IsPublic = table.Column<bool>(type: "INTEGER", nullable: false),
                    AuthorType = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    AuthorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ticket_comments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ticket_comments_tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ticket_external_ids",
                columns: table => new
                {
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    System = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ticket_external_ids", x => new { x.RecordId, x.System });
                    table.ForeignKey(
                        name: "FK_ticket_external_ids_tickets_RecordId",
                        column: x => x.RecordId,
                        principalTable: "tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ticket_sla_breaches",
                columns: table => new
                {
                    TicketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PolicyId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ticket_sla_breaches", x => new { x.TicketId, x.Target });
                    table.ForeignKey(
                        name: "FK_ticket_sla_breaches_tickets_TicketId",
                        column: x => x.TicketId,
                        principalTable: "tickets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_sla_policies_WorkspaceId_Position",
                table: "sla_policies",
                columns: new[] { "WorkspaceId", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_ticket_comments_TicketId_CreatedAt_Id",
                table: "ticket_comments",
                columns: new[] { "TicketId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ticket_external_ids_WorkspaceId_System_Value",
                table: "ticket_external_ids",
                columns: new[] { "WorkspaceId", "System", "Value" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_tickets_CompanyId",
                table: "tickets",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_tickets_FirstResponseDueAt",
                table: "tickets",
                column: "FirstResponseDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_tickets_PipelineId_Stage",
                table: "tickets",
                columns: new[] { "PipelineId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_tickets_RequesterId",
                table: "tickets",
                column: "RequesterId");

            migrationBuilder.CreateIndex(
                name: "IX_tickets_ResolutionDueAt",
                table: "tickets",
                column: "ResolutionDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_tickets_WorkspaceId_AssigneeId",
                table: "tickets",
                columns: new[] { "WorkspaceId", "AssigneeId" });

            migrationBuilder.CreateIndex(
                name: "IX_tickets_WorkspaceId_CreatedAt_Id",
                table: "tickets",
                columns: new[] { "WorkspaceId", "CreatedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "sla_policies");

            migrationBuilder.DropTable(
                name: "ticket_comments");

            migrationBuilder.DropTable(
                name: "ticket_external_ids");

            migrationBuilder.DropTable(
                name: "ticket_sla_breaches");

            migrationBuilder.DropTable(
                name: "tickets");
        }
    }
}
