// Placeholder entry point so the solution (and the test project, which references the CLI) builds
// until the CLI is written; the CLI branch replaces this file.
namespace ModelMeter.Cli;

internal static class Program
{
    private static int Main()
    {
        Console.Error.WriteLine("modelmeter: the command line is not implemented yet");
        return 2;
    }
}
