using Microsoft.Data.Sqlite;
using NodaTime;
using NodaTime.Text;

namespace CreatorMarketplace.Storage.Sqlite;

// The few shapes every table's code needs: a command with parameters, and the text forms of ids and instants.
internal static class SqliteCommands
{
    public static SqliteCommand Command(this SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public static string Text(Guid id) => id.ToString("D");

    public static string Text(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}
