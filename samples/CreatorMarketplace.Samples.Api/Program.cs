// A minimal API over the library: creator search, shortlists, a campaign from invitation to payout, and its report.
// SQLite by default; PostgreSQL when configuration says so (Marketplace:Store=postgresql and
// ConnectionStrings:Marketplace). A few generated creators are stored on first start, so that search answers something.
using CreatorMarketplace.AspNetCore;
using CreatorMarketplace.DependencyInjection;
using CreatorMarketplace.Samples.Api;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddOpenApi();
builder.Services
    .AddCreatorMarketplace(marketplace => MarketplaceStorage.Choose(marketplace, builder.Configuration, builder.Environment))
    .AddCreatorMarketplaceJson()
    .AddCreatorMarketplaceProblemDetails();

var app = builder.Build();
app.UseExceptionHandler();
app.MapOpenApi();
app.MapCreators();
app.MapShortlists();
app.MapCampaigns();
app.MapReports();

await CreatorSeed.SeedIfEmptyAsync(app.Services, app.Configuration);
await app.RunAsync();

/// <summary>The application, for <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
