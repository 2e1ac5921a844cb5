using System.Globalization;
using Ardalis.SmartEnum;
using CreatorMarketplace.Campaigns;

namespace CreatorMarketplace.Payments;

/// <summary>Why escrowed money may go back to the brand.</summary>
public sealed class RefundCase : SmartEnum<RefundCase, int>
{
    /// <summary>The brand cancelled before any draft was submitted.</summary>
    public static readonly RefundCase BrandCancelledBeforeSubmission = new("brand cancelled before submission", 1);

    /// <summary>The brand cancelled after a draft was submitted, before approval.</summary>
    public static readonly RefundCase BrandCancelledAfterSubmission = new("brand cancelled after submission", 2);

    /// <summary>The brand cancelled after the work was approved.</summary>
    public static readonly RefundCase BrandCancelledAfterApproval = new("brand cancelled after approval", 3);

    /// <summary>The creator cancelled.</summary>
    public static readonly RefundCase CreatorCancelled = new("creator cancelled", 4);

    /// <summary>The creator missed the deadline.</summary>
    public static readonly RefundCase CreatorMissedDeadline = new("creator missed the deadline", 5);

    private RefundCase(string name, int value)
        : base(name, value)
    {
    }

    /// <summary>The case a collaboration's cancellation falls under.</summary>
    /// <param name="cancellation">The cancellation.</param>
    /// <returns>The creator's cancellation, the creator's missed deadline, or the brand's cancellation by the stage it was at.</returns>
    public static RefundCase Of(CollaborationCancellation cancellation)
    {
        ArgumentNullException.ThrowIfNull(cancellation);
        return cancellation.By == Actor.Creator ? CreatorCancelled
            : cancellation.Stage == CancellationStage.AfterMissedDeadline ? CreatorMissedDeadline
            : cancellation.Stage == CancellationStage.BeforeSubmission ? BrandCancelledBeforeSubmission
            : cancellation.Stage == CancellationStage.AfterSubmission ? BrandCancelledAfterSubmission
            : BrandCancelledAfterApproval;
    }
}

/// <summary>
/// Who gets escrowed money back when a collaboration ends early, as data: the brand's share per case, the rest
/// going to the creator, and the rounding of the brand's share.
/// </summary>
public sealed class RefundPolicy
{
    private readonly Dictionary<RefundCase, decimal> _brandShares;

    private RefundPolicy(Dictionary<RefundCase, decimal> brandShares, MidpointRounding rounding)
    {
        _brandShares = brandShares;
        Rounding = rounding;
    }

    /// <summary>
    /// The default: 100% to the brand if it cancels before submission, if the creator cancels or if the creator misses
    /// the deadline; 90% if the brand cancels after submission and before approval; nothing once the work is approved.
    /// The brand's share is rounded to the minor unit away from zero.
    /// </summary>
    public static RefundPolicy Default { get; } = new(
        new()
        {
            [RefundCase.BrandCancelledBeforeSubmission] = 1m,
            [RefundCase.BrandCancelledAfterSubmission] = 0.9m,
            [RefundCase.BrandCancelledAfterApproval] = 0m,
            [RefundCase.CreatorCancelled] = 1m,
            [RefundCase.CreatorMissedDeadline] = 1m,
        },
        MidpointRounding.AwayFromZero);

    /// <summary>How the brand's share is rounded to the minor unit.</summary>
    public MidpointRounding Rounding { get; }

    /// <summary>The brand's share in a case, from 0 to 1.</summary>
    /// <param name="refundCase">The case.</param>
    /// <returns>The share.</returns>
    public decimal BrandShare(RefundCase refundCase)
    {
        ArgumentNullException.ThrowIfNull(refundCase);
        return _brandShares[refundCase];
    }

    /// <summary>This policy with one case's share changed.</summary>
    /// <param name="refundCase">The case.</param>
    /// <param name="brandShare">The brand's share, from 0 to 1.</param>
    /// <returns>The new policy; this one is unchanged.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="brandShare"/> is outside 0..1.</exception>
    public RefundPolicy With(RefundCase refundCase, decimal brandShare)
    {
        ArgumentNullException.ThrowIfNull(refundCase);
        return brandShare is >= 0m and <= 1m
            ? new(new(_brandShares) { [refundCase] = brandShare }, Rounding)
            : throw new ArgumentOutOfRangeException(nameof(brandShare), brandShare, "brandShare: a refund share is from 0 to 1.");
    }

    /// <summary>
    /// Splits what escrow holds between brand and creator. A kill fee, when the brand cancels after submission or
    /// approval, is the least the creator receives (never more than is held).
    /// </summary>
    /// <param name="held">What escrow holds.</param>
    /// <param name="refundCase">The case.</param>
    /// <param name="killFee">The contract's kill fee, if any, in the same currency.</param>
    /// <returns>The brand's refund and the creator's compensation; they add up to <paramref name="held"/>.</returns>
    public (Money ToBrand, Money ToCreator) Split(Money held, RefundCase refundCase, Money? killFee = null)
    {
        var toBrand = held.Multiply(BrandShare(refundCase), Rounding);
        var toCreator = held - toBrand;
        if (killFee is { } fee && (refundCase == RefundCase.BrandCancelledAfterSubmission || refundCase == RefundCase.BrandCancelledAfterApproval))
        {
            var floor = fee > held ? held : fee;
            if (toCreator < floor)
            {
                toCreator = floor;
                toBrand = held - floor;
            }
        }

        return (toBrand, toCreator);
    }

    /// <summary>Formats the policy, one case per line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Join(Environment.NewLine, RefundCase.List.OrderBy(c => c.Value).Select(c => $"{c}: {(_brandShares[c] * 100m).ToString("0.##", CultureInfo.InvariantCulture)}% to the brand"));
}
