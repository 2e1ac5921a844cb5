// The end-to-end walk-through of a campaign on the embedded default. Each step is one part of the workflow;
// later steps (creators, discovery, contracts, payments, metrics, storage, two instances) build on the ones before;
// the last two, access control and personal data, and a creator test, stand on their own.
using CreatorMarketplace;
using CreatorMarketplace.Samples.Workflow;
using NodaTime;

// The application owns the clock and hands it to the library; the library never reads the system time itself.
IClock clock = SystemClock.Instance;

Console.WriteLine("CreatorMarketplace.Core: campaign walk-through");
Console.WriteLine();

MoneyStep.Run(clock, Console.Out);
var maya = CreatorStep.Run(clock, Console.Out);
var catalog = await DiscoveryStep.Run(clock, Console.Out);
await EligibilityStep.Run(clock, catalog, Console.Out);
await ContractsStep.Run(clock, maya, catalog, Console.Out);
var campaign = await CampaignStep.Run(clock, catalog, Console.Out);
var payments = await PaymentsStep.Run(campaign, Console.Out);

// Options: --postgres <connection string> keeps step 9's data in PostgreSQL instead of a SQLite file (--database
// <path>, artifacts/marketplace.db unless given) and runs step 10's two instances over it; the remaining argument,
// or CAMPAIGN_REPORT_PATH, is where the report goes (artifacts/campaign-report.html unless given).
var options = SampleOptions.Parse(args);
var report = await MetricsStep.Run(campaign, catalog, options.ReportPath, Console.Out);
await StorageStep.Run(clock, options.Store, maya, campaign, payments, Console.Out);
await InstancesStep.Run(clock, options.Store, Console.Out);
await AccessStep.Run(clock, Console.Out);
await CreatorTestStep.Run(report, Console.Out);

return 0;

/// <summary>The walk-through's command line.</summary>
internal sealed record SampleOptions(string ReportPath, StorageStep.StoreChoice Store)
{
    public static SampleOptions Parse(string[] args)
    {
        string? postgres = null, database = null, report = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--postgres" when i + 1 < args.Length:
                    postgres = args[++i];
                    break;
                case "--database" when i + 1 < args.Length:
                    database = args[++i];
                    break;
                default:
                    report = args[i];
                    break;
            }
        }

        return new SampleOptions(
            report ?? Environment.GetEnvironmentVariable("CAMPAIGN_REPORT_PATH") ?? Path.Combine("artifacts", "campaign-report.html"),
            new StorageStep.StoreChoice(database ?? Path.Combine("artifacts", "marketplace.db"), postgres));
    }
}
