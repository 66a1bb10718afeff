// hnswlib native peer: the hnswlib header (libhnswlib-dev) compiled with -O3 -march=native, so its
// inner-product kernel uses AVX where the CPU has it (the Debian Python module is SSE only).
// Builds one InnerProductSpace index on one thread, then per ef runs searchKnn one query at a time,
// timing each, and writes the shared bench JSON (recall@k, QPS, p50/p99 latency in microseconds).
#include "hnswlib.h"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Matrix {
    size_t rows = 0, dim = 0;
    std::vector<int32_t> data;  // raw 4-byte words: float32 or int32
    const void* row(size_t i) const { return data.data() + i * dim; }
};

// Reads an .fvecs/.ivecs file: per row a little-endian int32 dim, then dim 4-byte values.
Matrix readVecs(const std::string& path) {
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in) throw std::runtime_error("cannot open " + path);
    const size_t bytes = static_cast<size_t>(in.tellg());
    in.seekg(0);
    int32_t dim = 0;
    if (bytes < 4 || !in.read(reinterpret_cast<char*>(&dim), 4) || dim <= 0)
        throw std::runtime_error(path + ": bad header");
    const size_t rowBytes = 4 * (static_cast<size_t>(dim) + 1);
    if (bytes % rowBytes != 0) throw std::runtime_error(path + ": size is not a whole number of rows");
    Matrix m;
    m.rows = bytes / rowBytes;
    m.dim = static_cast<size_t>(dim);
    m.data.resize(m.rows * m.dim);
    in.seekg(0);
    for (size_t i = 0; i < m.rows; ++i) {
        int32_t d = 0;
        in.read(reinterpret_cast<char*>(&d), 4);
        if (d != dim) throw std::runtime_error(path + ": rows have differing dimensions");
        in.read(reinterpret_cast<char*>(m.data.data() + i * m.dim), 4 * m.dim);
    }
    return m;
}

long rssBytes() {
    long pages = 0, resident = 0;
    FILE* f = std::fopen("/proc/self/statm", "r");
    if (f) {
        if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
        std::fclose(f);
    }
    return resident * sysconf(_SC_PAGESIZE);
}

double percentile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double pos = q * (v.size() - 1);
    const size_t lo = static_cast<size_t>(pos);
    const size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - lo) * (v[hi] - v[lo]);
}

std::string jsonEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

std::vector<size_t> parseList(const std::string& s) {
    std::vector<size_t> out;
    size_t start = 0;
    while (start <= s.size()) {
        size_t end = s.find(',', start);
        if (end == std::string::npos) end = s.size();
        if (end > start) out.push_back(std::stoul(s.substr(start, end - start)));
        start = end + 1;
    }
    return out;
}

void usage() {
    std::fprintf(stderr,
                 "usage: hnswlib_native --base B.fvecs --query Q.fvecs --gt G.ivecs --json OUT.json\n"
                 "       [--name NAME] [--m 16] [--ef-construction 200] [--ef 10,16,...] [--k 10] [--seed 100] [--repeat 1]\n");
}

}  // namespace

int main(int argc, char** argv) {
    std::string base, query, gt, json, name = "dataset", efs = "10,16,32,64,128,256,512";
    size_t m = 16, efc = 200, k = 10, seed = 100, repeat = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "-h" || a == "--help") { usage(); return 0; }
        if (i + 1 >= argc) { usage(); return 2; }
        const std::string v = argv[++i];
        if (a == "--base") base = v;
        else if (a == "--query") query = v;
        else if (a == "--gt") gt = v;
        else if (a == "--json") json = v;
        else if (a == "--name") name = v;
        else if (a == "--m") m = std::stoul(v);
        else if (a == "--ef-construction") efc = std::stoul(v);
        else if (a == "--ef") efs = v;
        else if (a == "--k") k = std::stoul(v);
        else if (a == "--seed") seed = std::stoul(v);
        else if (a == "--repeat") repeat = std::max<size_t>(1, std::stoul(v));
        else { usage(); return 2; }
    }
    if (base.empty() || query.empty() || gt.empty() || json.empty()) { usage(); return 2; }

    const Matrix b = readVecs(base), q = readVecs(query), g = readVecs(gt);
    if (q.dim != b.dim) { std::fprintf(stderr, "query dim %zu != base dim %zu\n", q.dim, b.dim); return 1; }
    if (g.rows != q.rows || g.dim < k) { std::fprintf(stderr, "gt must have %zu rows of at least k=%zu ids\n", q.rows, k); return 1; }
    const size_t n = b.rows, dim = b.dim, nq = q.rows;

    const long rss0 = rssBytes();
    hnswlib::InnerProductSpace space(dim);
    hnswlib::HierarchicalNSW<float> index(&space, n, m, efc, seed);
    const auto t0 = Clock::now();
    for (size_t i = 0; i < n; ++i) index.addPoint(b.row(i), static_cast<hnswlib::labeltype>(i));
    const double buildSeconds = std::chrono::duration<double>(Clock::now() - t0).count();
    const long rssGrowth = rssBytes() - rss0;
    const size_t formula = n * (dim * 4 + 4 + 2 * m * 4 + 8);
    std::fprintf(stderr, "[hnswlib-native] built n=%zu dim=%zu M=%zu efC=%zu in %.2fs, RSS growth %.1f MiB, level-0 formula %.1f MiB\n",
                 n, dim, m, efc, buildSeconds, rssGrowth / 1048576.0, formula / 1048576.0);

    // The graph's shape, in the keys `arcvdb bench ann` writes, so compare.py can set the two builds side by side.
    std::vector<size_t> perLevel, links;
    std::vector<size_t> histogram(2 * m + 1, 0);
    for (size_t i = 0; i < n; ++i) {
        const int top = index.element_levels_[i];
        for (int level = 0; level <= top; ++level) {
            const size_t count = index.getListCount(level == 0 ? index.get_linklist0(i) : index.get_linklist(i, level));
            if (perLevel.size() == static_cast<size_t>(level)) { perLevel.push_back(0); links.push_back(0); }
            ++perLevel[level];
            links[level] += count;
            if (level == 0) ++histogram[count];
        }
    }
    // Level-0 health: nodes no list holds, and nodes a breadth-first walk from the entry never reaches.
    std::vector<size_t> inLinks(n, 0);
    for (size_t i = 0; i < n; ++i) {
        hnswlib::linklistsizeint* list = index.get_linklist0(i);
        const hnswlib::tableint* slots = reinterpret_cast<const hnswlib::tableint*>(list + 1);
        for (size_t j = 0; j < index.getListCount(list); ++j) ++inLinks[slots[j]];
    }
    const size_t withoutInLinks = static_cast<size_t>(std::count(inLinks.begin(), inLinks.end(), size_t{0}));
    std::vector<char> seen(n, 0);
    std::vector<hnswlib::tableint> queue{index.enterpoint_node_};
    seen[index.enterpoint_node_] = 1;
    for (size_t head = 0; head < queue.size(); ++head) {
        hnswlib::linklistsizeint* list = index.get_linklist0(queue[head]);
        const hnswlib::tableint* slots = reinterpret_cast<const hnswlib::tableint*>(list + 1);
        for (size_t j = 0; j < index.getListCount(list); ++j)
            if (!seen[slots[j]]) { seen[slots[j]] = 1; queue.push_back(slots[j]); }
    }
    const size_t unreachable = n - queue.size();

    std::string graph = "{\"nodes_per_level\": [";
    for (size_t l = 0; l < perLevel.size(); ++l) graph += (l ? ", " : "") + std::to_string(perLevel[l]);
    graph += "], \"mean_degree_per_level\": [";
    for (size_t l = 0; l < perLevel.size(); ++l) {
        char cell[32];
        std::snprintf(cell, sizeof cell, "%s%.6f", l ? ", " : "", static_cast<double>(links[l]) / perLevel[l]);
        graph += cell;
    }
    graph += "], \"level0_degree_histogram\": [";
    for (size_t d = 0; d < histogram.size(); ++d) graph += (d ? ", " : "") + std::to_string(histogram[d]);
    graph += "], \"level0_without_in_links\": " + std::to_string(withoutInLinks) +
             ", \"level0_unreachable\": " + std::to_string(unreachable) + "}";

    std::string runs;
    std::vector<double> lat(nq), bestLat;
    std::vector<int32_t> truth(k);
    for (size_t ef : parseList(efs)) {
        index.setEf(ef);
        size_t hits = 0;
        double seconds = 1e300;
        // Fastest of `repeat` passes; its per-query latencies give p50/p99. Recall is the same every pass.
        for (size_t pass = 0; pass < repeat; ++pass) {
            hits = 0;
            const auto s0 = Clock::now();
            for (size_t i = 0; i < nq; ++i) {
                const auto a0 = Clock::now();
                auto res = index.searchKnn(q.row(i), k);
                lat[i] = std::chrono::duration<double, std::micro>(Clock::now() - a0).count();
                const int32_t* gi = static_cast<const int32_t*>(g.row(i));
                truth.assign(gi, gi + k);
                while (!res.empty()) {
                    const int32_t id = static_cast<int32_t>(res.top().second);
                    res.pop();
                    if (std::find(truth.begin(), truth.end(), id) != truth.end()) ++hits;
                }
            }
            // QPS over the whole loop; the recall bookkeeping inside it is negligible next to a search.
            const double passSeconds = std::chrono::duration<double>(Clock::now() - s0).count();
            if (passSeconds < seconds) { seconds = passSeconds; bestLat = lat; }
        }
        const double recall = static_cast<double>(hits) / (nq * k);
        const double p50 = percentile(bestLat, 0.50), p99 = percentile(bestLat, 0.99);
        std::fprintf(stderr, "[hnswlib-native] ef=%4zu recall@%zu=%.4f qps=%10.1f p50=%.1fus p99=%.1fus\n",
                     ef, k, recall, nq / seconds, p50, p99);
        char line[256];
        std::snprintf(line, sizeof line, "%s    {\"ef\": %zu, \"recall\": %.6f, \"qps\": %.3f, \"p50_us\": %.3f, \"p99_us\": %.3f}",
                      runs.empty() ? "" : ",\n", ef, recall, nq / seconds, p50, p99);
        runs += line;
    }

    FILE* out = std::fopen(json.c_str(), "w");
    if (!out) { std::fprintf(stderr, "cannot write %s\n", json.c_str()); return 1; }
    std::fprintf(out,
                 "{\n  \"peer\": \"hnswlib-native 0.6.2 (header, g++ -O3 -march=native%s)\",\n"
                 "  \"dataset\": \"%s\", \"n\": %zu, \"dim\": %zu, \"m\": %zu, \"ef_construction\": %zu, \"threads\": 1,\n"
                 "  \"k\": %zu, \"nq\": %zu, \"repeat\": %zu,\n  \"build_seconds\": %.6f,\n  \"index_bytes\": %ld,\n"
                 "  \"index_bytes_source\": \"RSS growth over index construction + addPoint (/proc/self/statm)\",\n"
                 "  \"index_bytes_formula\": %zu,\n  \"graph\": %s,\n  \"runs\": [\n%s\n  ]\n}\n",
#if defined(USE_AVX512)
                 ", AVX-512",
#elif defined(USE_AVX)
                 ", AVX",
#else
                 ", SSE",
#endif
                 jsonEscape(name).c_str(), n, dim, m, efc, k, nq, repeat, buildSeconds, rssGrowth, formula, graph.c_str(), runs.c_str());
    std::fclose(out);
    return 0;
}
