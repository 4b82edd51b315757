// The Json.NET oracle: reads Ivanti Endpoint Security request bodies the way the server's
// path does, so tests/tests/jsonnet_oracle.rs can hold vendorspec's verdicts against the
// real library.
//
// The server is an ASP.NET Web API 2 application. Its JSON formatter reads the HTTP body
// (the `{"value": "..."}` envelope) with Json.NET's JsonSerializer, which stops after the
// first value and never looks at what follows it; the controller then hands the envelope's
// string to JsonConvert.DeserializeObject, which reads the whole string (content after the
// document is an error) into the request classes below. Member names bind
// case-insensitively (Json.NET's default contract resolver), unknown members are ignored
// (MissingMemberHandling.Ignore), a repeated member overwrites the earlier one.
//
// The classes mirror spec/ivanti_es_v2.yaml with these assumptions (the real classes are
// not public), each the stricter reading where the evidence does not decide:
// - integers are Int32, StartTime a DateTime, AgentGuids Guids (as the issue and the
//   vendor's page describe them); JobType is an Int32, not a .NET enum (an enum would also
//   take names such as "Discovery");
// - a required member of a value type is nullable, so that the server's own check of
//   required members can be modelled (the bound values omit a member that stayed null);
// - an optional member of a value type (Timeout, the booleans, DeployWithin) is not
//   nullable, so `null` there is refused, as Json.NET refuses null for an Int32;
// - an optional member of a reference type (a string, an object, a list) takes null and
//   then reads as absent.
//
// A byte-order mark at the start of the text is dropped first: it belongs to the encoding of
// the HTTP body (Web API decodes it away) or of the payload file.
//
// Input: JSON Lines on stdin, {"id", "endpoint": "create_job" | "create_deployment_group",
// "form": "body" | "document", "text"}. "body" is an HTTP body (envelope first), "document"
// the inner document alone. Output: JSON Lines on stdout, {"id", "accept": true, "bound":
// {...}, "kinds": {...}} or {"id", "accept": false, "error": "..."}. "bound" holds the
// values the classes received (null members left out; dates written in UTC with `Z`, the
// process runs with TZ=UTC), "kinds" the DateTimeKind of each bound StartTime.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace VendorspecOracle
{
    public class Envelope
    {
        public string Value { get; set; }
    }

    public class Job
    {
        public string Name { get; set; }
        public int? JobType { get; set; }
        public DateTime? StartTime { get; set; }
        public bool OverwriteExistingAgents { get; set; }
        public Credentials Credentials { get; set; }
        public Modules Modules { get; set; }
        public DiscoveryOptions DiscoveryOptions { get; set; }
        public DiscoveryTargets DiscoveryTargets { get; set; }
    }

    public class Credentials
    {
        public string Username { get; set; }
        public string Password { get; set; }
    }

    public class Modules
    {
        public bool AC { get; set; }
        public bool AV { get; set; }
        public bool DC { get; set; }
        public bool PR { get; set; }
    }

    public class DiscoveryOptions
    {
        public bool PortScanDiscovery { get; set; }
        public bool IcmpDiscovery { get; set; }
        public bool ResolveDnsName { get; set; }
        public bool ResolveMacAddress { get; set; }
        public bool ResolveNetbiosName { get; set; }
        public bool SnmpDiscovery { get; set; }
        public bool VerifyWithPing { get; set; }
        public bool WindowsDiscovery { get; set; }
    }

    public class DiscoveryTargets
    {
        public List<SingleIpTarget> SingleIpTargets { get; set; }
        public List<RangeIpTarget> RangeIpTargets { get; set; }
        public List<ComputerNameTarget> ComputerNameTargets { get; set; }
        public List<ActiveDirectoryTarget> ActiveDirectoryTargets { get; set; }
    }

    public class Target
    {
        public Target() { Timeout = 3000; Retry = 3; }
        public int Timeout { get; set; }
        public int Retry { get; set; }
    }

    public class SingleIpTarget : Target
    {
        public string Ip { get; set; }
    }

    public class RangeIpTarget : Target
    {
        public string StartIp { get; set; }
        public string EndIp { get; set; }
    }

    public class ComputerNameTarget : Target
    {
        public string ComputerName { get; set; }
    }

    public class ActiveDirectoryTarget : Target
    {
        public string CanonicalName { get; set; }
        public string OrganizationalUnit { get; set; }
        public string Domain { get; set; }
        public string Username { get; set; }
        public string Password { get; set; }
    }

    public class DeploymentGroup
    {
        public int? CustomPatchListId { get; set; }
        public List<Guid> AgentGuids { get; set; }
        public List<int> GroupIds { get; set; }
        public DateTime? StartTime { get; set; }
        public NotifyOptions Notify { get; set; }
        public RebootOptions Reboot { get; set; }
    }

    public class NotificationOptions
    {
        public NotificationOptions()
        {
            AllowSnooze = true;
            NotificationOnTop = true;
            UseAgentPolicy_AllowSnooze = true;
            UseAgentPolicy_NotificationOnTop = true;
        }
        public string Message { get; set; }
        public bool AllowCancel { get; set; }
        public bool AllowSnooze { get; set; }
        public bool NotificationOnTop { get; set; }
        public bool UseAgentPolicies { get; set; }
        public bool UseAgentPolicy_AllowCancel { get; set; }
        public bool UseAgentPolicy_AllowSnooze { get; set; }
        public bool UseAgentPolicy_NotificationOnTop { get; set; }
    }

    public class NotifyOptions : NotificationOptions
    {
        public int DeployWithin { get; set; }
    }

    public class RebootOptions : NotificationOptions
    {
        public int RebootWithin { get; set; }
    }

    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length == 1 && args[0] == "--version")
            {
                var assembly = typeof(JsonConvert).Assembly;
                var file = System.Diagnostics.FileVersionInfo.GetVersionInfo(assembly.Location);
                Console.WriteLine("Json.NET " + file.FileVersion + " on Mono");
                return 0;
            }
            var stdin = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false));
            var stdout = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false));
            stdout.NewLine = "\n";
            string line;
            while ((line = stdin.ReadLine()) != null)
            {
                if (line.Length == 0)
                {
                    continue;
                }
                // The request's own strings stay strings (Json.NET would read a date-like id
                // as a DateTime otherwise).
                var reader = new JsonTextReader(new StringReader(line)) { DateParseHandling = DateParseHandling.None };
                var request = JObject.Load(reader);
                var id = (string)request["id"];
                var verdict = Judge((string)request["endpoint"], (string)request["form"], (string)request["text"]);
                verdict["id"] = id;
                stdout.WriteLine(verdict.ToString(Formatting.None));
            }
            stdout.Flush();
            return 0;
        }

        static JObject Judge(string endpoint, string form, string text)
        {
            var result = new JObject();
            try
            {
                // A leading byte-order mark belongs to the encoding of the HTTP body (Web
                // API decodes it away) or of the payload file, not to the document.
                if (text.Length > 0 && text[0] == '\uFEFF')
                {
                    text = text.Substring(1);
                }
                string inner = form == "body" ? ReadEnvelope(text) : text;
                Type type = endpoint == "create_job" ? typeof(Job) : typeof(DeploymentGroup);
                object model = JsonConvert.DeserializeObject(inner, type);
                if (model == null)
                {
                    result["accept"] = false;
                    result["error"] = "the document is null";
                    return result;
                }
                result["accept"] = true;
                result["bound"] = Bound(model);
                result["kinds"] = Kinds(model);
            }
            catch (Exception e)
            {
                result["accept"] = false;
                result["error"] = e.GetType().Name + ": " + e.Message;
            }
            return result;
        }

        /// The formatter's step: the HTTP body into the envelope class, reading one value and
        /// nothing after it (Web API's JsonMediaTypeFormatter does not check for more).
        static string ReadEnvelope(string body)
        {
            var serializer = JsonSerializer.Create(new JsonSerializerSettings());
            using (var reader = new JsonTextReader(new StringReader(body)))
            {
                reader.MaxDepth = 256;
                var envelope = serializer.Deserialize<Envelope>(reader);
                if (envelope == null || envelope.Value == null)
                {
                    throw new InvalidDataException("the envelope has no value");
                }
                return envelope.Value;
            }
        }

        static JToken Bound(object model)
        {
            var settings = new JsonSerializerSettings
            {
                NullValueHandling = NullValueHandling.Ignore,
                DateTimeZoneHandling = DateTimeZoneHandling.Utc,
                DateFormatString = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFK",
            };
            return JToken.Parse(JsonConvert.SerializeObject(model, settings));
        }

        static JObject Kinds(object model)
        {
            var kinds = new JObject();
            var job = model as Job;
            var group = model as DeploymentGroup;
            DateTime? start = job != null ? job.StartTime : group != null ? group.StartTime : null;
            if (start.HasValue)
            {
                kinds["StartTime"] = start.Value.Kind.ToString();
            }
            return kinds;
        }
    }
}
