using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CrmApi.Infrastructure.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class CustomFields : Migration
    {
        private static readonly string[] IndexedSlots = ["S1", "S2", "S3", "S4", "S5", "D1", "D2", "D3", "T1", "T2", "T3"];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Custom_B1",
                table: "contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Custom_B2",
                table: "contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Custom_B3",
                table: "contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Custom_B4",
                table: "contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Custom_B5",
                table: "contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_D1",
                table: "contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_D2",
                table: "contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_D3",
                table: "contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_D4",
                table: "contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_D5",
                table: "contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S1",
                table: "contacts",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S10",
                table: "contacts",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S2",
                table: "contacts",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S3",
                table: "contacts",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S4",
                table: "contacts",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S5",
                table: "contacts",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S6",
                table: "contacts",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S7",
                table: "contacts",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S8",
                table: "contacts",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S9",
                table: "contacts",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_T1",
                table: "contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_T2",
                table: "contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_T3",
                table: "contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_T4",
                table: "contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_T5",
                table: "contacts",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Custom_B1",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Custom_B2",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Custom_B3",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Custom_B4",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Custom_B5",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_D1",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_D2",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_D3",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_D4",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_D5",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S1",
                table: "companies",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S10",
                table: "companies",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S2",
                table: "companies",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S3",
                table: "companies",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S4",
                table: "companies",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S5",
                table: "companies",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S6",
                table: "companies",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S7",
                table: "companies",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S8",
                table: "companies",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Custom_S9",
                table: "companies",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_T1",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_T2",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_T3",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_T4",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Custom_T5",
                table: "companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "custom_fields",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    WorkspaceId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ObjectType = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Options = table.Column<string>(type: "TEXT", nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    Unique = table.Column<bool>(type: "INTEGER", nullable: false),
                    Slot = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RetiredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_custom_fields", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_custom_fields_WorkspaceId_ObjectType_Key",
                table: "custom_fields",
                columns: new[] { "WorkspaceId", "ObjectType", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_custom_fields_WorkspaceId_ObjectType_Slot",
                table: "custom_fields",
                columns: new[] { "WorkspaceId", "ObjectType", "Slot" },
                unique: true);

            // The first slots of each kind are indexed with the workspace, so a filter or sort on the first custom fields
            // costs what it costs on a built-in column. EF cannot declare indexes on complex properties.
            foreach (var table in new[] { "contacts", "companies" })
                foreach (var slot in IndexedSlots)
                    migrationBuilder.CreateIndex($"IX_{table}_WorkspaceId_Custom_{slot}", table, ["WorkspaceId", $"Custom_{slot}"]);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "contacts", "companies" })
                foreach (var slot in IndexedSlots)
                    migrationBuilder.DropIndex($"IX_{table}_WorkspaceId_Custom_{slot}", table);

            migrationBuilder.DropTable(
                name: "custom_fields");

            migrationBuilder.DropColumn(
                name: "Custom_B1",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_B2",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_B3",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_B4",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_B5",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_D1",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_D2",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_D3",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_D4",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_D5",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_S1",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_S10",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_S2",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_S3",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_S4",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_S5",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_S6",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_S7",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_S8",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_S9",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_T1",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_T2",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_T3",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_T4",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_T5",
                table: "contacts");

            migrationBuilder.DropColumn(
                name: "Custom_B1",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_B2",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_B3",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_B4",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_B5",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_D1",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_D2",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_D3",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_D4",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_D5",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_S1",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_S10",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_S2",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_S3",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_S4",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_S5",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_S6",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_S7",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_S8",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_S9",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_T1",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_T2",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_T3",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_T4",
                table: "companies");

            migrationBuilder.DropColumn(
                name: "Custom_T5",
                table: "companies");
        }
    }
}
