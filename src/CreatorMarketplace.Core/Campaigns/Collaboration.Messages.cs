using NodaTime;

namespace CreatorMarketplace.Campaigns;

// The message thread and what each party has read.
public sealed partial class Collaboration
{
    /// <summary>How many of the other party's messages a party has not read.</summary>
    /// <param name="reader">The brand or the creator.</param>
    /// <returns>The number unread.</returns>
    public int UnreadBy(Actor reader)
    {
        var readUpTo = ReadUpTo(RequireParty(reader, nameof(reader)));
        return _messages.Count(message => message.Author != reader && message.Number > readUpTo);
    }

    /// <summary>Sends a message in the thread.</summary>
    /// <param name="author">The brand or the creator.</param>
    /// <param name="body">The text; not blank.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="attachments">References to attached files.</param>
    /// <returns>Done, or <see cref="NotAllowed"/> once the collaboration has ended.</returns>
    /// <exception cref="ArgumentException">
    /// A blank body or attachment, a body that breaks <see cref="TextRule.MultiLine"/>, or an attachment that breaks
    /// <see cref="TextRule.SingleLine"/> (named by its index).
    /// </exception>
    public CommandResult SendMessage(Actor author, string body, IClock clock, IReadOnlyList<string>? attachments = null)
    {
        RequireParty(author, nameof(author));
        TextRule.MultiLine.RequireNonBlank(body);
        ArgumentNullException.ThrowIfNull(clock);
        for (var i = 0; i < (attachments?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(attachments![i]))
            {
                throw DomainValidationException.Of(nameof(attachments), "collaboration.attachment_blank", "an attachment reference may not be blank.", $"{nameof(attachments)}[{i}]");
            }
        }

        for (var i = 0; i < (attachments?.Count ?? 0); i++)
        {
            TextRule.SingleLine.Require(attachments![i], nameof(attachments), $"{nameof(attachments)}[{i}]");
        }

        if (Refuse(CollaborationAction.SendMessage) is { } refusal)
        {
            return refusal;
        }

        var now = Now(clock);
        Record(new MessageSent(Id, author, now, new Message(_messages.Count + 1, author, now, body, [.. attachments ?? []])));
        return CommandResult.Done;
    }

    /// <summary>Marks every message of the other party as read by a party.</summary>
    /// <param name="reader">The brand or the creator.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>Done (with nothing to change when all were read).</returns>
    public CommandResult ReadMessages(Actor reader, IClock clock)
    {
        RequireParty(reader, nameof(reader));
        ArgumentNullException.ThrowIfNull(clock);
        var newest = _messages.FindLast(message => message.Author != reader)?.Number ?? 0;
        if (newest > ReadUpTo(reader))
        {
            Record(new MessagesRead(Id, reader, Now(clock), newest));
        }

        return CommandResult.Done;
    }

    private int ReadUpTo(Actor reader) => reader == Actor.Brand ? _brandReadUpTo : _creatorReadUpTo;
}
